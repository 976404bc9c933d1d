import FuzzSupport

runFuzzer(fuzzSentences)
