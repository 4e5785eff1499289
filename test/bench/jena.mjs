// Apache Jena's SHACL engine, the anchor for `validate` (issue 23, point 3): the `shacl` script
// when one is on the PATH, else Debian's libapache-jena-java started by hand. Debian ships the
// jars without the script, and its jena-core moves Jena's bundled Xerces classes from
// org.apache.jena.ext.xerces to xerces but leaves their message files behind, so Jena stops in
// JenaSystem.init with Xerces's "internal error" (a missing resource bundle). The files are
// copied once to where the moved classes look for them, a folder put on the class path.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const JARS = '/usr/share/java';
/** Jena's modules and what Debian's package depends on (unversioned names: Debian's links). */
const MODULES = ['arq', 'base', 'cmds', 'core', 'dboe-base', 'dboe-index', 'dboe-storage', 'dboe-trans-data', 'dboe-transaction', 'iri', 'rdfconnection', 'shacl', 'shex', 'tdb', 'tdb2'].map((m) => `jena-${m}`);
const DEPENDENCIES = ['commons-cli', 'commons-codec', 'commons-compress', 'commons-csv', 'commons-io', 'commons-lang3', 'commons-logging', 'dexx.collection', 'gson', 'guava', 'httpclient', 'httpcore', 'jackson-annotations', 'jackson-core', 'jackson-databind', 'jakarta.json-api', 'jsonld-java', 'protobuf', 'slf4j-api', 'slf4j-nop', 'thrift', 'titanium-json-ld'];

/** Whether a command is on the PATH (the bench's anchors run when installed). */
export const installed = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/**
 * The command that runs `shacl` with a 20 GB heap, as [argv, env]; undefined when Jena is not
 * installed. `work` is a folder the bench may write to.
 */
export function jenaShacl(work) {
  if (installed('shacl')) return [['shacl'], { JVM_ARGS: '-Xmx20g' }];
  const jars = [...MODULES, ...DEPENDENCIES].map((j) => join(JARS, `${j}.jar`));
  if (!installed('java') || !jars.every((j) => existsSync(j))) return undefined;
  const resources = join(work, 'jena-resources');
  if (!existsSync(join(resources, 'xerces'))) {
    const unpacked = join(work, 'jena-unpacked');
    rmSync(unpacked, { recursive: true, force: true });
    mkdirSync(unpacked, { recursive: true });
    const core = join(JARS, 'jena-core.jar');
    const r = installed('unzip')
      ? spawnSync('unzip', ['-q', '-o', core, 'org/apache/jena/ext/xerces/*', '-x', '*.class', '-d', unpacked])
      : spawnSync('jar', ['xf', core, 'org/apache/jena/ext/xerces'], { cwd: unpacked });
    if (r.status !== 0) return undefined;
    cpSync(join(unpacked, 'org', 'apache', 'jena', 'ext', 'xerces'), join(resources, 'xerces'), { recursive: true, filter: (f) => !f.endsWith('.class') });
    rmSync(unpacked, { recursive: true, force: true });
  }
  return [['java', '-Xmx20g', '-cp', [...jars, resources].join(':'), 'shacl.shacl'], {}];
}
