# mini-ats: the Python runtime of a local Lambda execution environment. It speaks the Lambda
# Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) at
# AWS_LAMBDA_RUNTIME_API, imports the module named by _HANDLER from LAMBDA_TASK_ROOT and reports
# errors as Lambda's Python runtime does: {"errorMessage", "errorType", "requestId", "stackTrace"}.
import http.client
import importlib
import json
import os
import sys
import time
import traceback

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
HOST, PORT = API.split(":")
connection = http.client.HTTPConnection(HOST, int(PORT))


def call(method, route, body=None, headers=None):
    global connection
    for attempt in (1, 2):
        try:
            connection.request(method, "/2018-06-01/runtime/" + route, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        except (http.client.HTTPException, ConnectionError):
            connection.close()
            connection = http.client.HTTPConnection(HOST, int(PORT))
            if attempt == 2:
                raise


def error_document(error, error_type=None, request_id=""):
    return {
        "errorMessage": str(error),
        "errorType": error_type or type(error).__name__,
        "requestId": request_id,
        # the user's frames only, as Lambda's runtime leaves out its own
        "stackTrace": traceback.format_list([f for f in traceback.extract_tb(error.__traceback__) if f.filename != __file__]),
    }


def report(route, document):
    print("[ERROR] " + ("Runtime.ImportModuleError: " if route == "init/error" else "") + document["errorType"] + ": "
          + document["errorMessage"], flush=True)
    call("POST", route, json.dumps(document).encode(), {"Lambda-Runtime-Function-Error-Type": document["errorType"]})


class LambdaContext:
    def __init__(self, headers):
        self.aws_request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        self.invoked_function_arn = headers.get("Lambda-Runtime-Invoked-Function-Arn")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self._deadline = int(headers.get("Lambda-Runtime-Deadline-Ms", "0"))
        self.identity = None
        self.client_context = None

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline - int(time.time() * 1000))


def load_handler():
    name = os.environ.get("_HANDLER", "")
    module_name, _, function_name = name.rpartition(".")
    if not module_name:
        return None, {"errorMessage": "Bad handler '" + name + "': not enough values to unpack (expected 2, got 1)",
                      "errorType": "Runtime.MalformedHandlerName", "requestId": "", "stackTrace": []}
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        return None, {"errorMessage": "Unable to import module '" + module_name + "': " + str(e),
                      "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []}
    except SyntaxError as e:
        return None, {"errorMessage": "Syntax error in module '" + module_name + "': " + str(e),
                      "errorType": "Runtime.UserCodeSyntaxError", "requestId": "", "stackTrace": []}
    except Exception as e:
        return None, error_document(e)
    handler = getattr(module, function_name, None)
    if handler is None:
        return None, {"errorMessage": "Handler '" + function_name + "' missing on module '" + module_name + "'",
                      "errorType": "Runtime.HandlerNotFound", "requestId": "", "stackTrace": []}
    return handler, None


def main():
    sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
    handler, failure = load_handler()
    if failure:
        report("init/error", failure)
        sys.exit(1)
    while True:
        status, headers, body = call("GET", "invocation/next")
        if status != 200:
            return
        request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        trace = headers.get("Lambda-Runtime-Trace-Id")
        if trace:
            os.environ["_X_AMZN_TRACE_ID"] = trace
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        try:
            event = json.loads(body) if body else {}
            result = handler(event, LambdaContext(headers))
            call("POST", "invocation/" + request_id + "/response", json.dumps(result).encode())
        except Exception as e:
            report("invocation/" + request_id + "/error", error_document(e, request_id=request_id))


if __name__ == "__main__":
    main()
