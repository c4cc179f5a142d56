// Runs one execution of the built bundle in a fresh isolate, as Coda does, keeping the isolate so
// the in-pack CPU time can be read. Mirrors the SDK's own setupIvmContext (testing/ivm_helper).
import "@codahq/packs-sdk/dist/development";
import type * as coda from "@codahq/packs-sdk";
import {
  createIsolateContext,
  executeThunk,
  getThunkPath,
  injectExecutionContext,
  injectSerializer,
  registerBundles,
} from "@codahq/packs-sdk/dist/runtime/bootstrap";
import {getIvm} from "@codahq/packs-sdk/dist/testing/ivm_wrapper";
import {FormulaType} from "@codahq/packs-sdk/dist/runtime/types";

/** Coda gives a pack isolate 128 MB. */
const MEMORY_LIMIT_MB = 128;

export interface VmStats {
  /** Milliseconds to create the isolate and load the bundle (the cold start). */
  setupMs: number;
  /** CPU time the pack spent inside the isolate for this execution, ms. */
  cpuMs: number;
  /** Wall time of the execution itself, ms (includes waiting for Google). */
  wallMs: number;
  /** Heap used in the isolate after the execution, bytes. */
  heapBytes: number;
}

export async function runInVm<T>(options: {
  bundlePath: string;
  formulaName: string;
  sync: boolean;
  params: unknown[];
  context: coda.SyncExecutionContext;
}): Promise<{result: T; stats: VmStats}> {
  const ivm = getIvm();
  const t0 = performance.now();
  const isolate = new ivm.Isolate({memoryLimit: MEMORY_LIMIT_MB});
  try {
    const ctx = await createIsolateContext(isolate);
    await ctx.global.set("codaInternal", {serializer: {}}, {copy: true});
    await injectSerializer(ctx, "codaInternal.serializer");
    await registerBundles(isolate, ctx, options.bundlePath, getThunkPath(), false);
    const c = options.context;
    await injectExecutionContext({
      context: ctx,
      fetcher: c.fetcher,
      temporaryBlobStorage: c.temporaryBlobStorage,
      logger: console,
      endpoint: c.endpoint,
      invocationLocation: c.invocationLocation,
      timezone: c.timezone,
      invocationToken: c.invocationToken,
      sync: c.sync,
      authenticationName: c.authenticationName,
      executionId: c.executionId,
      previousAttemptError: c.previousAttemptError,
      syncStateService: c.syncStateService,
    });
    const setupMs = performance.now() - t0;
    const cpu0 = isolate.cpuTime;
    const t1 = performance.now();
    const result = (await executeThunk(
      ctx,
      {
        params: options.params as never,
        formulaSpec: {
          type: options.sync ? FormulaType.Sync : FormulaType.Standard,
          formulaName: options.formulaName,
        } as never,
      },
      options.bundlePath,
      `${options.bundlePath}.map`,
    )) as T;
    const wallMs = performance.now() - t1;
    const cpuMs = Number(isolate.cpuTime - cpu0) / 1e6;
    const heapBytes = (await isolate.getHeapStatistics()).used_heap_size;
    return {result, stats: {setupMs, cpuMs, wallMs, heapBytes}};
  } finally {
    isolate.dispose();
  }
}
