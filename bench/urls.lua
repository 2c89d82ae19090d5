-- wrk script: each request asks for a random address from the file given after "--"
-- (one path per line), e.g. wrk -s bench/urls.lua http://127.0.0.1:8461/ -- articles.txt
local paths = {}

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() + #tostring({}))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
