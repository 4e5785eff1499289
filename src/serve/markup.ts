/** Text made safe inside HTML and SVG markup (elements and quoted attributes). */
export const escapeMarkup = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
