-- GET of the URL given to wrk, with Authorization from BENCH_AUTH ("Bearer ..." or "Basic ...").
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
wrk.method = "GET"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
