// The umbrella module: `import ZhText` gives every ZhText component.
@_exported import ZhTextCore
@_exported import ZhTextConversion
@_exported import ZhTextSentences
@_exported import ZhTextCleanup
@_exported import ZhTextSlogans
@_exported import ZhTextWords
