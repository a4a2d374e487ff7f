export const INTEGRATION_RULES = [
  'riemann-left',
  'riemann-right',
  'riemann-middle',
  'riemann-trapezoid',
  'gauss-legendre',
] as const;
export type TIntegrationRule = (typeof INTEGRATION_RULES)[number];

/** Gauss–Legendre nodes and weights on [-1, 1] (Newton's method on P_n; accurate to ~1e-15). */
function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = new Array(n);
  const weights: number[] = new Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pnm1 = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pnm1)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-15) break;
    }
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  return { nodes, weights };
}

/** Points α in [0, 1] and weights (summing to 1) approximating ∫₀¹ g(α) dα with `steps` evaluations. */
export function integrationPoints(rule: TIntegrationRule, steps: number): { alphas: number[]; weights: number[] } {
  const n = steps;
  switch (rule) {
    case 'riemann-left':
      return { alphas: Array.from({ length: n }, (_, i) => i / n), weights: new Array(n).fill(1 / n) };
    case 'riemann-right':
      return { alphas: Array.from({ length: n }, (_, i) => (i + 1) / n), weights: new Array(n).fill(1 / n) };
    case 'riemann-middle':
      return { alphas: Array.from({ length: n }, (_, i) => (i + 0.5) / n), weights: new Array(n).fill(1 / n) };
    case 'riemann-trapezoid': {
      if (n < 2) return { alphas: [0.5], weights: [1] };
      const h = 1 / (n - 1);
      return {
        alphas: Array.from({ length: n }, (_, i) => i * h),
        weights: Array.from({ length: n }, (_, i) => (i === 0 || i === n - 1 ? h / 2 : h)),
      };
    }
    case 'gauss-legendre': {
      const { nodes, weights } = gaussLegendre(n);
      return { alphas: nodes.map((t) => (t + 1) / 2), weights: weights.map((w) => w / 2) };
    }
  }
}
