# Thin wrappers over ./dev, for those who have make.
.PHONY: build test bench setup
build:
	./dev build
test:
	./dev test
bench:
	./dev bench
setup:
	./dev setup
