# Ports: Debian's packages built for WasmLinux (ports/README.md).
# `make ports` builds them all into $(B)/ports/root, which `make run
# PORTS=1` and the tests load into the system.  A port is built again
# only when its recipe, its patches, the driver, the libc or a port it
# needs changed; the stamp comes once ports/build.sh succeeded.
# (PORTS=1 on the command line is make run's flag, not this list)
PORT_NAMES := zlib lua tcl sqlite bash make curl python
PORTS_DIR := $(B)/ports
PORTS_COMMON := ports/build.sh ports/config.site $(TC_OUT) $(LIBC_OUT)

# (a port's needs, from its recipe: the stamps it waits for)
define port_rule
$(PORTS_DIR)/$(1).stamp: $(filter-out %/known-failures.txt,$(wildcard ports/$(1)/*)) $(PORTS_COMMON) \
		$(foreach n,$(shell sed -n 's/^needs="\(.*\)".*/\1/p' ports/$(1)/recipe),$(PORTS_DIR)/$(n).stamp) | deps
	@ports/build.sh $(B) $(1)
	@touch $$@
endef
$(foreach p,$(PORT_NAMES),$(eval $(call port_rule,$(p))))

# The system's share (root: every port's run list; root.cpio the same
# for the page's load=) and its test suites'
# (tests: the tests lists), wasm programs stripped; then the programs of
# both translated ahead into cache, which the tests and `make run
# PORTS=1` use (a translation takes up to two minutes: testfixture).
$(PORTS_DIR)/root.stamp: $(PORT_NAMES:%=$(PORTS_DIR)/%.stamp) ports/assemble-root.sh
	@ports/assemble-root.sh $(B) run root $(PORT_NAMES)
	@cd $(PORTS_DIR)/root && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 > ../root.cpio
	@touch $@
$(PORTS_DIR)/tests.stamp: $(PORT_NAMES:%=$(PORTS_DIR)/%.stamp) ports/assemble-root.sh
	@ports/assemble-root.sh $(B) tests tests $(PORT_NAMES)
	@touch $@
$(PORTS_DIR)/cache.stamp: $(PORTS_DIR)/root.stamp $(PORTS_DIR)/tests.stamp $(B)/bin/wasmlinux
	@echo "  COMPILE $(PORTS_DIR)/cache"
	@$(B)/bin/wasmlinux compile $$(cat $(PORTS_DIR)/root.programs $(PORTS_DIR)/tests.programs) \
	  -o $(PORTS_DIR)/cache > $(PORTS_DIR)/cache.log 2>&1 || \
	  { tail -n 20 $(PORTS_DIR)/cache.log; exit 1; }
	@touch $@

.PHONY: ports check-ports
ports: $(PORTS_DIR)/cache.stamp

# The ports' own test suites inside WasmLinux (tests/ports/run.sh): a
# summary per suite; a failure not listed with its reason in
# ports/NAME/known-failures.txt fails the check.
check-ports: ports $(B)/bin/wasmlinux $(B)/userland/initramfs.cpio
	tests/ports/run.sh $(B)
