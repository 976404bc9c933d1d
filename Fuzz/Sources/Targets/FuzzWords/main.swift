import FuzzSupport

runFuzzer(fuzzWords)
