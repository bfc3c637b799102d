-- POST of 100 new documents to the _bulk_docs URL given to wrk, so every request writes 100 new
-- documents. Each has "owner" = BENCH_OWNER and an _id "<BENCH_OWNER>:bulk-<tag>-<request>-<n>", as
-- the app database's owner-write validator requires; <tag> is 64 random bits per wrk thread, so ids
-- never repeat across threads, warm-ups and targets (a repeated id would be a silent per-doc conflict).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local owner = os.getenv("BENCH_OWNER")
local filler = string.rep("b", 200)

local function randomHex(bytes)
  local f = assert(io.open("/dev/urandom", "rb"))
  local raw = f:read(bytes)
  f:close()
  return (raw:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

setup = function(thread)
  thread:set("tag", randomHex(8))
end

local sent = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")

request = function()
  sent = sent + 1
  local docs = {}
  for i = 1, 100 do
    docs[i] = string.format('{"_id":"%s:bulk-%s-%d-%d","owner":"%s","type":"post","title":"bulk %d","text":"%s"}',
      owner, tag, sent, i, owner, i, filler)
  end
  return wrk.format(nil, nil, nil, '{"docs":[' .. table.concat(docs, ",") .. ']}')
end
