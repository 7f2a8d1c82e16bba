// Runs the calibration's independent units on worker threads, one per core: each unit seeds itself, so the figures do
// not depend on which thread ran it or in what order.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { calibrationResult, calibrationUnits, type CalibrationResult, type CalibrationUnit } from './calibration.ts';

interface UnitDone {
  index: number;
  kind: CalibrationUnit['kind'];
  values: Record<string, number>;
  seconds: number;
}

export async function runCalibration(simulations: number): Promise<CalibrationResult> {
  const units = calibrationUnits();
  const threads = Math.max(1, Math.min(availableParallelism(), units.length));
  const done: UnitDone[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: threads }, async () => {
      // Each thread loads the TypeScript bench through Vite's module runner, as bench/run.mjs does.
      const worker = new Worker(new URL('./calibration-worker.mjs', import.meta.url), { workerData: { simulations } });
      try {
        for (;;) {
          const index = next++;
          if (index >= units.length) break;
          const result = await new Promise<UnitDone>((resolve, reject) => {
            const settle = (): void => {
              worker.off('message', onMessage);
              worker.off('error', onError);
            };
            const onMessage = (done: UnitDone): void => {
              settle();
              resolve(done);
            };
            const onError = (error: Error): void => {
              settle();
              reject(error);
            };
            worker.on('message', onMessage);
            worker.on('error', onError);
            worker.postMessage(index);
          });
          done.push(result);
          console.log(`  calibration: ${units[index]?.kind} ${units[index]?.label} (${result.seconds.toFixed(0)} s)`);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  return calibrationResult(simulations, done);
}
