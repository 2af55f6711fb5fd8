// axe-core for the browser suites: loaded once from node_modules as a classic script.

export interface AxeResults {
  violations: { id: string; impact: string; nodes: { target: unknown[]; failureSummary: string; html: string }[] }[];
}
export interface Axe {
  run(context: Element, options?: object): Promise<AxeResults>;
}

export async function loadAxe(): Promise<Axe> {
  const w = window as unknown as { axe?: Axe };
  if (!w.axe) {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }
  return w.axe!;
}

/** Each violation as one line: rule, impact, the nodes and why they fail. */
export function violationLines(results: AxeResults): string[] {
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`).join(' | ')}`);
}

export function describeViolations(results: AxeResults): string {
  return violationLines(results).join('\n');
}
