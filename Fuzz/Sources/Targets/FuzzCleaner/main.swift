import FuzzSupport

runFuzzer(fuzzCleaner)
