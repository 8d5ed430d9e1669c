// mini-ats: the Node.js runtime of a local Lambda execution environment. It speaks the Lambda
// Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) at
// AWS_LAMBDA_RUNTIME_API, loads the handler named by _HANDLER from LAMBDA_TASK_ROOT (an ES module
// .mjs, CommonJS .cjs, or .js as its package.json says) and reports errors as Lambda's Node.js
// runtime does: {"errorType", "errorMessage", "trace"}.
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const [apiHost, apiPort] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const taskRoot = process.env.LAMBDA_TASK_ROOT;
const handlerName = process.env._HANDLER ?? '';
let currentRequestId;

// Bytes written to stdout and stderr so far, sent with each answer (Ats-Output-Bytes) so the runtime
// knows when it has read an invocation's last log lines instead of waiting to see the pipes idle.
// Writes to pipes are synchronous in Node on Linux, so they are in the pipe before the answer leaves.
let outputBytes = 0;
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, encoding, callback) => {
    outputBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk, typeof encoding === 'string' ? encoding : 'utf8')
      : chunk.length;
    return write(chunk, encoding, callback);
  };
}

function call(method, route, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(body);
    if (data) headers = { ...headers, 'Ats-Output-Bytes': String(outputBytes) };
    const req = http.request({ host: apiHost, port: Number(apiPort), method, agent,
      path: '/2018-06-01/runtime/' + route,
      headers: data ? { 'Content-Type': 'application/json', 'Content-Length': data.length, ...headers } : headers }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

// Lambda's text log format: time, request id, level, message; a message's own newlines become \r so
// one console.log stays one log event.
const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
for (const [method, level] of Object.entries(levels)) {
  console[method] = (...args) => {
    const message = format(...args).replace(/\n/g, '\r');
    process.stdout.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${message}\n`);
  };
}

function errorDocument(error, type) {
  if (error instanceof Error) {
    return { errorType: type ?? error.name ?? 'Error', errorMessage: error.message ?? '', trace: String(error.stack ?? '').split('\n') };
  }
  return { errorType: type ?? 'string', errorMessage: typeof error === 'string' ? error : JSON.stringify(error), trace: [] };
}

class RuntimeError extends Error {
  constructor(type, message) { super(message); this.name = type; }
}

async function loadHandler() {
  const lastSlash = handlerName.lastIndexOf('/');
  const dot = handlerName.indexOf('.', lastSlash + 1);
  if (dot < 0) {
    throw new RuntimeError('Runtime.MalformedHandlerName', `Bad handler ${handlerName}: expected <module>.<function>`);
  }
  const moduleName = handlerName.slice(0, dot);
  const fnPath = handlerName.slice(dot + 1).split('.');
  const base = path.resolve(taskRoot, moduleName);
  const file = ['.js', '.mjs', '.cjs'].map(ext => base + ext).find(f => fs.existsSync(f));
  if (!file) {
    throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'\nRequire stack:\n- ${import.meta.url}`);
  }
  let mod;
  try {
    mod = isEsm(file) ? await import(pathToFileURL(file).href) : createRequire(path.join(taskRoot, 'index.js'))(file);
  } catch (e) {
    if (e && (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND')) {
      throw new RuntimeError('Runtime.ImportModuleError', `Error: ${e.message}`);
    }
    if (e instanceof SyntaxError) {
      throw new RuntimeError('Runtime.UserCodeSyntaxError', `${e.name}: ${e.message}`);
    }
    throw e;
  }
  let fn = mod;
  for (const key of fnPath) {
    fn = fn?.[key] ?? (fn?.default ? fn.default[key] : undefined);
  }
  if (typeof fn !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${moduleName}.${fnPath.join('.')} is undefined or not exported`);
  }
  return fn;
}

function isEsm(file) {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try { return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module'; } catch { return false; }
    }
    if (dir === taskRoot || dir === path.dirname(dir)) return false;
  }
}

function context(headers) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

function run(handler, event, ctx) {
  if (handler.length >= 3) {
    return new Promise((resolve, reject) => {
      const done = (err, result) => (err ? reject(err) : resolve(result));
      try {
        const r = handler(event, ctx, done);
        if (r && typeof r.then === 'function') r.then(resolve, reject);
      } catch (e) { reject(e); }
    });
  }
  return Promise.resolve().then(() => handler(event, ctx));
}

async function reportError(route, error, type) {
  const doc = errorDocument(error, type);
  console.error(route === 'init/error' ? 'Uncaught Exception' : 'Invoke Error', '\t' + JSON.stringify({ ...doc, stack: doc.trace }));
  await call('POST', route, JSON.stringify(doc), { 'Lambda-Runtime-Function-Error-Type': doc.errorType });
}

process.on('uncaughtException', async error => {
  if (currentRequestId) {
    await reportError(`invocation/${currentRequestId}/error`, error).catch(() => {});
  }
  process.exit(129);
});

let handler;
try {
  handler = await loadHandler();
} catch (e) {
  await reportError('init/error', e, e instanceof RuntimeError ? e.name : undefined);
  process.exit(1);
}

for (;;) {
  const next = await call('GET', 'invocation/next');
  if (next.status !== 200) process.exit(0);
  const requestId = next.headers['lambda-runtime-aws-request-id'];
  currentRequestId = requestId;
  if (next.headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'];
  else delete process.env._X_AMZN_TRACE_ID;
  let event;
  try {
    event = next.body.length ? JSON.parse(next.body) : {};
  } catch (e) {
    await reportError(`invocation/${requestId}/error`, e, 'Runtime.UnmarshalError');
    continue;
  }
  try {
    const result = await run(handler, event, context(next.headers));
    await call('POST', `invocation/${requestId}/response`, result === undefined ? 'null' : JSON.stringify(result));
  } catch (e) {
    await reportError(`invocation/${requestId}/error`, e);
  }
  currentRequestId = undefined;
}
