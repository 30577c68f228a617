-- wrk script: POST /v1/sendText with the body and key given in the environment.
wrk.method = "POST"
wrk.body = os.getenv("WAGATE_BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("WAGATE_BENCH_KEY") or ""
