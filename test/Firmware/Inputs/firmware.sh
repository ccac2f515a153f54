#!/usr/bin/env bash
# ===- firmware.sh - build a model into a firmware image and run it -----=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
#
# Usage: firmware.sh BOARD MODELDIR OUTDIR MOTEC [MOTEC OPTION...]
#
# Compiles MODELDIR/model.onnx with MOTEC (`--name=net`) for BOARD, links it
# with firmware_main.c and MODELDIR/input.h (mlperf_tiny.py writes both the
# model and the input), runs the image under QEMU and checks its outputs
# against MODELDIR/host.npy (`mote-run --output`) with compare_outputs.py.
# Prints the comparison line, `BOARD: instructions=N` on Cortex-M boards and
# `BOARD: flash=F ram=R arena=A` (bytes of the whole image, from
# arm-none-eabi-size / size: flash = text + data, ram = data + bss).
# Further arguments go to MOTEC (e.g. --arena-check).
#
# BOARD is a QEMU machine with its core:
#   mps2-an386  Cortex-M4F  thumbv7em-none-eabihf      25 MHz
#   mps2-an500  Cortex-M7   thumbv7em-none-eabihf      25 MHz
#   mps2-an505  Cortex-M33  thumbv8m.main-none-eabihf  20 MHz
#   mps3-an547  Cortex-M55  thumbv8.1m.main-none-eabihf 32 MHz
#   aarch64     AArch64 Linux, static, under qemu-aarch64
# Under `-icount shift=0` QEMU executes one instruction per virtual ns, so
# the SysTick ticks firmware_main.c reads convert exactly to instructions.
set -euo pipefail

if [ $# -lt 4 ]; then
  sed -n '/^# Usage/,/^set -eu/p' "$0" | sed '$d'
  exit 2
fi
board=$1 model=$2 out=$3 motec=$4
shift 4
inputs=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$inputs/../../.." && pwd)
mkdir -p "$out"

case $board in
mps2-an386)
  triple=thumbv7em-none-eabihf cpu=cortex-m4 hz=25000000 ld=mps2-an386.ld
  cflags=(-mcpu=cortex-m4 -mfpu=fpv4-sp-d16) ;;
mps2-an500)
  triple=thumbv7em-none-eabihf cpu=cortex-m7 hz=25000000 ld=mps2-an386.ld
  cflags=(-mcpu=cortex-m7 -mfpu=fpv5-d16) ;;
mps2-an505)
  triple=thumbv8m.main-none-eabihf cpu=cortex-m33 hz=20000000 ld=mps2-an505.ld
  cflags=(-mcpu=cortex-m33 -mfpu=fpv5-sp-d16) ;;
mps3-an547)
  triple=thumbv8.1m.main-none-eabihf cpu=cortex-m55 hz=32000000 ld=mps3-an547.ld
  cflags=(-mcpu=cortex-m55) ;;
aarch64)
  triple=aarch64-linux-gnu cpu=generic ;;
*)
  echo "firmware.sh: unknown board '$board'" >&2
  exit 2 ;;
esac

"$motec" "$model/model.onnx" -o "$out/net.o" --name=net --target=$triple \
  --mcpu=$cpu "$@"
common=(-std=c99 -O2 -Wall -Werror -I"$out" -I"$model" -I"$inputs"
        -I"$src/runtime/include" "$inputs/firmware_main.c"
        "$src/runtime/src/mote_runtime.c" "$out/net.o" -o "$out/app.elf")
if [ "$board" = aarch64 ]; then
  aarch64-linux-gnu-gcc -static "${common[@]}"
  qemu-aarch64 "$out/app.elf" > "$out/log.txt"
  size=aarch64-linux-gnu-size
else
  arm-none-eabi-gcc -mthumb -mfloat-abi=hard "${cflags[@]}" \
    -DFIRMWARE_CPU_HZ=$hz -nostartfiles --specs=rdimon.specs \
    -Wl,--no-warn-execstack \
    -L"$inputs" -T "$inputs/$ld" "$inputs/startup.c" "${common[@]}"
  # -icount shift=0: deterministic, one instruction per virtual ns.
  timeout 300 qemu-system-arm -M "$board" -cpu $cpu -icount shift=0 \
    -semihosting-config enable=on,target=native -nographic \
    -kernel "$out/app.elf" > "$out/log.txt"
  size=arm-none-eabi-size
fi

/usr/bin/python3 "$inputs/compare_outputs.py" "$board" "$out/log.txt" \
  "$model/host.npy"
sed -n "s/^instructions=/$board: instructions=/p" "$out/log.txt"
arena=$(sed -n 's/^arena: \([0-9]*\) bytes$/\1/p' "$out/log.txt")
$size "$out/app.elf" | awk -v b="$board" -v a="$arena" \
  'NR == 2 { printf "%s: flash=%d ram=%d arena=%d\n", b, $1 + $2, $2 + $3, a }'
