import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets CSS custom properties on an element through the CSSOM (`style.setProperty`), never through a
 * `style` attribute, so a page whose CSP forbids inline styles sees no violation. Use in element
 * position: `<div ${cssProps({ '--_percent': '40' })}>`; only properties whose value changed are written.
 */
class CssPropsDirective extends Directive {
  #last = new Map<string, string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('cssProps() belongs in an element position: <div ${cssProps({...})}>');
  }

  render(_props: Readonly<Record<`--${string}`, string>>): unknown {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<`--${string}`, string>>]): unknown {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(props)) {
      if (this.#last.get(name) === value) continue;
      this.#last.set(name, value);
      style.setProperty(name, value);
    }
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
