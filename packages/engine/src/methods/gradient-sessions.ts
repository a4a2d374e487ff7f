import { probeShapeTable } from '../autodiff/probe-shape-table';
import type { ShapeTable } from '../autodiff/shape-table';
import type { Classifier } from '../model/classifier';
import { ancestorsOfOutput, pickDefaultCamLayer } from '../model/list-layers';
import type { RuntimeOptions } from '../model/runtime-options';
import { GradientSession, type GradientSessionOptions } from './gradient-session';

/**
 * The gradient sessions of one model, created on first use and kept: probing shapes and building the
 * augmented graph is the "prepare" cost, paid once per (input gradients, layer, ReLU mode, path mode).
 * `prepareMs` accumulates the time spent creating them.
 */
export class GradientSessions {
  private shapes: ShapeTable | undefined;
  private readonly sessions = new Map<string, Promise<GradientSession>>();
  prepareMs = 0;

  constructor(
    readonly classifier: Classifier,
    private readonly runtime: RuntimeOptions = {},
    private readonly maxBatch = 16,
  ) {}

  async shapeTable(): Promise<ShapeTable> {
    if (!this.shapes) {
      const t0 = performance.now();
      const { card } = this.classifier;
      this.shapes = await probeShapeTable(
        this.classifier.onnx,
        { name: card.input.name, chw: [card.input.channels, card.input.height, card.input.width] },
        this.runtime,
      );
      this.prepareMs += performance.now() - t0;
    }
    return this.shapes;
  }

  /** The automatic CAM layer: the last 4-D activation with spatial size above 1 that feeds the output. */
  async defaultCamLayer(): Promise<string | undefined> {
    const shapes = await this.shapeTable();
    const producers = new Map<string, number>();
    this.classifier.onnx.graph.node.forEach((n, i) => {
      for (const o of n.output) producers.set(o, i);
    });
    const tensors = [...shapes.entries()]
      .filter(([name]) => producers.has(name))
      .map(([name, f]) => ({ name, dims: f.dims, type: f.type, nodeIndex: producers.get(name)!, opType: '' }));
    return pickDefaultCamLayer(tensors, ancestorsOfOutput(this.classifier.onnx, this.classifier.card.output.name));
  }

  async get(o: Omit<GradientSessionOptions, 'shapes' | 'runtime' | 'maxBatch'>): Promise<GradientSession> {
    const key = `${o.inputGradients}|${o.layer ?? ''}|${o.reluMode ?? 'standard'}|${o.path ? 'path' : ''}`;
    let s = this.sessions.get(key);
    if (!s) {
      s = (async () => {
        const shapes = await this.shapeTable();
        const t0 = performance.now();
        const session = await GradientSession.create(this.classifier, {
          ...o,
          shapes,
          runtime: this.runtime,
          maxBatch: this.maxBatch,
        });
        this.prepareMs += performance.now() - t0;
        return session;
      })();
      this.sessions.set(key, s);
      s.catch(() => this.sessions.delete(key));
    }
    return s;
  }

  async dispose(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const s of all) await (await s.catch(() => undefined))?.dispose();
  }
}
