import { Classifier, GradientSessions } from '@lightbox/engine';

export type TLoadedModel = { classifier: Classifier; sessions: GradientSessions };

/**
 * One Classifier and its GradientSessions per model version, kept loaded for the next job; the least recently used is
 * disposed when more than `capacity` are loaded. Concurrent jobs for the same version share one load.
 */
export class ModelCache {
  private readonly entries = new Map<string, Promise<TLoadedModel>>();

  constructor(private readonly capacity: number) {}

  get(key: string, load: () => Promise<{ bytes: Uint8Array; card: unknown }>): Promise<TLoadedModel> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const loading = (async () => {
      const { bytes, card } = await load();
      const classifier = await Classifier.load(bytes, { card });
      return { classifier, sessions: new GradientSessions(classifier) };
    })();
    this.entries.set(key, loading);
    loading.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) {
      const [oldest, evicted] = this.entries.entries().next().value as [string, Promise<TLoadedModel>];
      this.entries.delete(oldest);
      void dispose(evicted);
    }
    return loading;
  }

  get size(): number {
    return this.entries.size;
  }

  async clear(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map(dispose));
  }
}

async function dispose(entry: Promise<TLoadedModel>): Promise<void> {
  const loaded = await entry.catch(() => undefined);
  if (!loaded) return;
  await loaded.sessions.dispose().catch(() => undefined);
  await loaded.classifier.dispose().catch(() => undefined);
}
