// Invokes send-assessment's handler once with the event given as the first argument and prints
// the result; an SDK error is printed as {"error": name, "message": ...} with exit code 1.
import { handler } from "./send-assessment.mjs";

try {
  console.log(JSON.stringify(await handler(JSON.parse(process.argv[2]))));
} catch (e) {
  console.log(JSON.stringify({ error: e.name, message: e.message, status: e.$metadata?.httpStatusCode }));
  process.exit(1);
}
