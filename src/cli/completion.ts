import type { Command, Option } from 'commander';
import { EXIT } from './options.js';

/**
 * `justice-lod completion bash|zsh`: a completion script made from the commands and options
 * as they are defined, so it never falls out of step with them. Words that follow an option
 * taking a value, and a command's arguments, complete as file names.
 */
export function registerCompletion(program: Command, setExit: (code: number) => void): void {
  program
    .command('completion')
    .summary('print a shell completion script for bash or zsh')
    .description('Prints a completion script for commands, options and file names. Load it in your shell\'s start-up file.')
    .argument('<shell>', 'bash or zsh')
    .addHelpText('after', `
Examples:
  $ justice-lod completion bash
  $ justice-lod completion zsh

Install: add  source <(justice-lod completion bash)  to ~/.bashrc, or
  source <(justice-lod completion zsh)  to ~/.zshrc.`)
    .action((shell: string) => {
      if (shell !== 'bash' && shell !== 'zsh') {
        process.stderr.write(`error: no completion for '${shell}'; choose bash or zsh\n`);
        setExit(EXIT.usage);
        return;
      }
      process.stdout.write(completionScript(program, shell));
    });
}

/** The option words of a command, and those that take a value. */
function words(options: readonly Option[]): { all: string[]; valued: string[] } {
  const all: string[] = [];
  const valued: string[] = [];
  for (const o of options) {
    const names = [o.long, o.short].filter((x): x is string => !!x);
    all.push(...names);
    if (o.required || o.optional) valued.push(...names);
  }
  return { all: [...all, '--help'], valued };
}

export function completionScript(program: Command, shell: 'bash' | 'zsh'): string {
  const commands = program.commands.map((c) => c.name());
  const cases = program.commands.map((c) => {
    const { all, valued } = words(c.options as readonly Option[]);
    return `    ${c.name()}) opts="${all.join(' ')}"; valued="${valued.join(' ')}" ;;`;
  });
  const bash = `# justice-lod completion (bash), made by \`justice-lod completion ${shell}\`
_justice_lod() {
  local cur prev cmd opts valued i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  if [[ -z "$cmd" ]]; then
    COMPREPLY=($(compgen -W "${commands.join(' ')} --help --version" -- "$cur"))
    return 0
  fi
  case "$cmd" in
${cases.join('\n')}
    *) opts="--help"; valued="" ;;
  esac
  if [[ " $valued " == *" $prev "* ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  elif [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
  return 0
}
complete -o filenames -F _justice_lod justice-lod
`;
  // zsh runs the bash function through its bash-completion emulation.
  return shell === 'bash' ? bash : `# justice-lod completion (zsh)\nautoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n${bash}`;
}
