// A calibration thread: loads bench/calibration.ts through Vite's module runner and runs the units it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { runnerImport } from 'vite';

const { module } = await runnerImport('./bench/calibration.ts');
const units = module.calibrationUnits();
const port = parentPort;
if (!port) throw new Error('calibration-worker.mjs runs as a worker thread of bench/calibration-pool.ts.');
port.on('message', async (index) => {
  const started = performance.now();
  const values = await units[index].run(workerData.simulations);
  port.postMessage({ index, kind: units[index].kind, values, seconds: (performance.now() - started) / 1000 });
});
