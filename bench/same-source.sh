# Sourced by the benchmarks that run one C program on the host's Linux
# and inside WasmLinux on both hosts (threads-, fork-, sjlj-bench.sh).
#   same_source NAME [GCC FLAG...]   builds bench/NAME.c both ways, and
#                                    translates it ahead (so that the native
#                                    run does not time wasm2c)
#   same_run NAME HOST ARG...        runs it on HOST (native, wasm or node),
#                                    output in $dir/NAME-HOST.txt
#   same_val NAME HOST KEY           the value of KEY ("KEY VALUE" lines)
#   same_say NAME KEY                a results line: the three, and ratios
dir=$build/bench
results=$dir/results.txt
. "$(dirname "$0")/lib.sh"

same_source() {
	_n=$1
	shift
	mkdir -p "$dir/$_n/bin"
	gcc -O2 "$@" -o "$dir/$_n-native" "bench/$_n.c"
	"$build/bin/wasm32-linux-musl-cc" -O2 -o "$dir/$_n/bin/$_n" "bench/$_n.c"
	"$build/bin/wasmlinux" compile "$dir/$_n/bin/$_n" -o "$dir/$_n-cache" > /dev/null
}

same_run() {
	_n=$1 _h=$2
	shift 2
	case $_h in
	native) "$dir/$_n-native" "$@" ;;
	wasm) "$build/bin/wasmlinux" --cache "$dir/$_n-cache" --load "$dir/$_n" quiet \
		--exec "/bin/$_n" "$@" 2> "$dir/$_n-wasm.log" ;;
	node) WASMLINUX_BUILD="$build" node web/cli.mjs --load "$dir/$_n" quiet \
		--exec "/bin/$_n" "$@" 2> "$dir/$_n-node.log" ;;
	esac > "$dir/$_n-$_h.txt"
}

same_val() {
	tr -d '\r' < "$dir/$1-$2.txt" | awk -v k="$3" '$1 == k { print $2 }'
}

same_say() {
	_n=$(same_val "$1" native "$2") _w=$(same_val "$1" wasm "$2") _j=$(same_val "$1" node "$2")
	say "$2: native $_n, wasmlinux $_w ($(echo "scale=4; $_w / $_n" | bc) of native), node $_j ($(echo "scale=4; $_j / $_n" | bc) of native)"
}
