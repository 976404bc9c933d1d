import CZhICU

/// Swift access to the parts of system ICU that ZhText relies on.
///
/// All functions take and return UTF-8 (`String` or bytes) and turn ICU failures into
/// ``ZhTextError`` values. Inputs are limited to `Int32.max` bytes, ICU's own limit.
public enum ICU {
    /// The version of the ICU library in use, for example `"72.1"`.
    public static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        let length = zh_icu_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func failure(_ operation: String, _ code: Int32) -> ZhTextError {
        .icuFailure(operation: operation, code: code, name: String(cString: zh_icu_error_name(code)))
    }

    static func checkedLength(_ count: Int) throws(ZhTextError) -> Int32 {
        guard count <= Int(Int32.max) else { throw .inputTooLarge(byteCount: count, limit: Int(Int32.max)) }
        return Int32(count)
    }

    /// Runs `body` on the UTF-8 bytes of `text` as a C pointer (never NULL) and length.
    static func withCString<R>(
        _ text: some StringProtocol, _ body: (UnsafePointer<CChar>, Int32) throws(ZhTextError) -> R
    ) throws(ZhTextError) -> R {
        var text = String(text)
        let result: Result<R, ZhTextError> = text.withUTF8 { buffer in
            do {
                let length = try checkedLength(buffer.count)
                if let base = buffer.baseAddress {
                    return .success(try base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { try body($0, length) })
                }
                var empty: CChar = 0
                return .success(try body(&empty, 0))
            } catch let error as ZhTextError {
                return .failure(error)
            } catch {
                return .failure(.icuFailure(operation: "call", code: -1, name: "\(error)"))
            }
        }
        return try result.get()
    }

    /// Takes ownership of a buffer ICU allocated and returns it as a `String`.
    static func adoptString(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int32) -> String {
        guard let pointer else { return "" }
        defer { zh_icu_free(pointer) }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            String(decoding: UnsafeBufferPointer(start: $0, count: Int(length)), as: UTF8.self)
        }
    }

    static func adoptBytes(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int32) -> [UInt8] {
        guard let pointer else { return [] }
        defer { zh_icu_free(pointer) }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            Array(UnsafeBufferPointer(start: $0, count: Int(length)))
        }
    }

    static func adoptInts(_ pointer: UnsafeMutablePointer<Int32>?, _ count: Int32) -> [Int] {
        guard let pointer else { return [] }
        defer { zh_icu_free(pointer) }
        return UnsafeBufferPointer(start: pointer, count: Int(count)).map { Int($0) }
    }
}
