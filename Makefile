# Conventional names for the two commands the README gives; each script
# installs the Debian packages it needs first (see Tools/ensure-packages.sh).
.PHONY: run test build
run:
	Tools/run-kiosk
test:
	Tools/run-tests
build:
	Tools/ensure-packages.sh run
	swift build
