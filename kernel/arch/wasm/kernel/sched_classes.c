// SPDX-License-Identifier: GPL-2.0
/* The scheduling classes, highest first (see kernel/sched/sched.h). */
#include "../../../kernel/sched/sched.h"
#include "wasm_arch.h"

struct sched_class wasm_sched_classes[WASM_NR_SCHED_CLASSES];

extern const struct sched_class wasm_dl_sched_class_init;
extern const struct sched_class wasm_rt_sched_class_init;
extern const struct sched_class wasm_fair_sched_class_init;
extern const struct sched_class wasm_ext_sched_class_init;
extern const struct sched_class wasm_idle_sched_class_init;

void __init wasm_sched_classes_init(void)
{
	wasm_sched_classes[WASM_SCHED_dl] = wasm_dl_sched_class_init;
	wasm_sched_classes[WASM_SCHED_rt] = wasm_rt_sched_class_init;
	wasm_sched_classes[WASM_SCHED_fair] = wasm_fair_sched_class_init;
#ifdef CONFIG_SCHED_CLASS_EXT
	wasm_sched_classes[WASM_SCHED_ext] = wasm_ext_sched_class_init;
#endif
	wasm_sched_classes[WASM_SCHED_idle] = wasm_idle_sched_class_init;
}
