-- wrk script: GET over the seeded edition ids, round robin, with the API
-- token of NUSQA_TOKEN. KIND=json (default): /api/v1/editions/{id} as JSON
-- metadata; KIND=xml: the same as the XML itself; KIND=pdf: the edition's
-- PDF, /api/v1/editions/{id}/pdf. STATIC=1 asks a static file server (nginx)
-- for the same bytes instead: /static/{id}.json, .xml or .pdf (the token is
-- sent all the same, so both servers read the same requests).
local ids = {}
local counter = 0
local kind = os.getenv("KIND") or "json"
local static = os.getenv("STATIC") == "1"
local accept = ({ json = "application/json", xml = "application/xml", pdf = "application/pdf" })[kind]
local authorization = "Bearer " .. os.getenv("NUSQA_TOKEN")

for line in io.lines(os.getenv("IDS_FILE")) do
    ids[#ids + 1] = line
end

local function path(id)
    if static then return "/static/" .. id .. "." .. kind end
    if kind == "pdf" then return "/api/v1/editions/" .. id .. "/pdf" end
    return "/api/v1/editions/" .. id
end

request = function()
    counter = counter + 1
    local id = ids[(counter % #ids) + 1]
    return wrk.format("GET", path(id), { ["Accept"] = accept, ["Authorization"] = authorization })
end

done = function(summary, latency, requests)
    io.write(string.format("RESULT requests/s=%.0f p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms errors=%d non2xx=%d requests=%d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(90) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        summary.errors.status, summary.requests))
end
