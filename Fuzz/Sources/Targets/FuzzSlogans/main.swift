import FuzzSupport

runFuzzer(fuzzSlogans)
