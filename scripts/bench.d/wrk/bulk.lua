-- POST of 100 new documents to the _bulk_docs URL given to wrk. No _id: CouchDB assigns a
-- fresh one to every document, so every request writes 100 new documents. Each carries
-- "owner" = BENCH_OWNER, which the app database's validator requires.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local owner = os.getenv("BENCH_OWNER")
local docs = {}
for i = 1, 100 do
  docs[i] = string.format('{"owner":"%s","type":"post","title":"bulk %d","text":"%s"}',
    owner, i, string.rep("b", 200))
end
wrk.method = "POST"
wrk.body = '{"docs":[' .. table.concat(docs, ",") .. ']}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
