import FuzzSupport

runFuzzer(fuzzConverter)
