/**
 * `cssProps({ '--name': value })`: sets CSS custom properties on an element through the CSSOM. Unlike a `style`
 * attribute (or Lit's styleMap, whose first render writes one), this works on pages whose Content-Security-Policy
 * has no 'unsafe-inline' for styles; the stylesheet then reads the property (`background: var(--name)`).
 * Only values that changed are written, so re-rendering a list touches no row whose values stayed the same.
 */
import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssPropsDirective extends Directive {
  #previous = new Map<string, string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('cssProps() belongs on an element: <div ${cssProps({...})}>');
  }

  render(_props: Readonly<Record<string, string | undefined>>) {
    return nothing;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<string, string | undefined>>]) {
    const { style } = part.element as HTMLElement;
    for (const name of this.#previous.keys()) {
      if (props[name] === undefined) {
        style.removeProperty(name);
        this.#previous.delete(name);
      }
    }
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined || this.#previous.get(name) === value) continue;
      style.setProperty(name, value);
      this.#previous.set(name, value);
    }
    return nothing;
  }
}

export const cssProps = directive(CssPropsDirective);
