-- A fixed Lua workload for bench/ports-bench.sh: calls, tables, strings.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local t = {}
local seed = 42
for i = 1, 300000 do
	seed = (seed * 1103515245 + 12345) % 2147483648
	t[i] = seed
end
table.sort(t)
local parts = {}
for i = 1, 100000 do parts[#parts + 1] = string.format("%d:%x", i, t[i] % 65536) end
local s = table.concat(parts, ",")
local n = 0
for _ in s:gmatch("%d+:f") do n = n + 1 end
print(fib(30), #s, n)
