/** ltx's streaming tokenizer (the one @xmpp/xml builds on), which ships without types of its own. */
declare module 'ltx/src/parsers/ltx.js' {
  import { EventEmitter } from 'node:events';

  /** Emits `startElement(name, attrs)`, `endElement(name)`, `text(text)` (entities decoded) and `error`. */
  export default class XmlTokenizer extends EventEmitter {
    write(data: string): void;
    end(data?: string): void;
  }
}
