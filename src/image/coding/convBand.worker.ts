/**
 * One band of a conv file's decoder run (bandedDecode.ts's runConvBand), for the lab's coding
 * worker, which starts a few of these (convBandPool.ts) and stacks their bands.
 */
import { runConvBand, type ConvBandTask } from './bandedDecode';

export type ConvBandReply = { id: number; values: Float64Array } | { id: number; error: string };

self.onmessage = (event: MessageEvent<{ id: number; task: ConvBandTask }>) => {
  const { id, task } = event.data;
  const post = (self as unknown as Worker).postMessage.bind(self);
  try {
    const values = runConvBand(task);
    post({ id, values } satisfies ConvBandReply, [values.buffer]);
  } catch (error) {
    post({ id, error: error instanceof Error ? error.message : String(error) } satisfies ConvBandReply);
  }
};
