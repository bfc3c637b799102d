-- PUT /api/sessions with BENCH_USERNAME and BENCH_PASSWORD: one login per request.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
wrk.method = "PUT"
wrk.body = string.format('{"username":"%s","password":"%s"}',
  os.getenv("BENCH_USERNAME"), os.getenv("BENCH_PASSWORD"))
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
