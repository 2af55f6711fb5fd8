import { invalidResponse, type ResponseContext, type XmlElement, type XmlNode } from './parse.js';

/**
 * Typed reads over a parsed element. The parser returns a lone child as a value and repeated
 * children as an array; these helpers give the shape the schema says, whatever came back.
 */
export class XmlReader {
  constructor(
    readonly element: XmlElement,
    /** Names the document in error messages, e.g. `ListPartsResult`. */
    readonly shape: string,
    readonly ctx: ResponseContext,
  ) {}

  #all(name: string): XmlNode[] {
    const value = this.element[name];
    if (value === undefined) return [];
    return Array.isArray(value) ? value : [value];
  }

  /** Text of the first `<name>`; undefined when absent or not a text element. */
  text(name: string): string | undefined {
    const first = this.#all(name)[0];
    if (typeof first === 'string') return first;
    const inner = first?.['#text'];
    return typeof inner === 'string' ? inner : undefined;
  }

  requireText(name: string): string {
    const value = this.text(name);
    if (value === undefined || value === '') throw this.fail(`<${this.shape}> has no <${name}>`);
    return value;
  }

  /** Integer value; undefined when absent or empty. */
  int(name: string): number | undefined {
    const value = this.text(name);
    if (value === undefined || value === '') return undefined;
    if (!/^-?\d+$/.test(value)) throw this.fail(`<${this.shape}><${name}> is not an integer: "${value}"`);
    return Number(value);
  }

  requireInt(name: string): number {
    const value = this.int(name);
    if (value === undefined) throw this.fail(`<${this.shape}> has no <${name}>`);
    return value;
  }

  /** Lenient number for descriptive fields (image info): undefined when absent or not numeric. */
  number(name: string): number | undefined {
    const value = this.text(name);
    if (value === undefined || value.trim() === '') return undefined;
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }

  /** `true`/`false` (COS writes them lower-case); absent → false. */
  bool(name: string): boolean {
    return this.text(name)?.toLowerCase() === 'true';
  }

  /** The first child element `<name>`, or undefined. */
  child(name: string): XmlReader | undefined {
    return this.children(name)[0];
  }

  /** Every child element `<name>`, always an array (an empty `<name/>` counts as one, empty). */
  children(name: string): XmlReader[] {
    return this.#all(name).map((node) => new XmlReader(typeof node === 'string' ? {} : node, name, this.ctx));
  }

  fail(problem: string) {
    return invalidResponse(this.ctx, problem);
  }
}
