/// Reverses the synonym substitution of document-spinning sites (伪原创): `开展` written for `发展`,
/// `根底` for `基础`, `原那么` for `原则`, `效劳` for `服务`, ….
///
/// Many of those words are also ordinary words (开展工作, 局部地区, 缺乏经验), so the step acts only
/// in a document that shows the artifact pattern: a `…那么` written for `…则` (原那么, 否那么, 规那么,
/// which no ordinary text contains), or three or more different artifact words of which one is
/// rare in ordinary text (根底, 效劳, 屡次). Inside such a document each word is replaced where its
/// neighbours favour the original, with a confidence per rule.
struct SpinningRepairer {
    struct Repair {
        var range: Range<Int>  // scalar offsets
        var replacement: String
        var kind: EditKind
        var confidence: Double
    }

    /// Artifacts that never occur in ordinary text.
    static let certain: [(String, String)] = [
        ("原那么", "原则"), ("否那么", "否则"), ("规那么", "规则"), ("准那么", "准则"), ("总那么", "总则"),
        ("法那么", "法则"), ("细那么", "细则"),
    ]
    /// Artifacts that are rare as ordinary words.
    static let rare: [(String, String)] = [("根底", "基础"), ("效劳", "服务"), ("屡次", "多次")]

    /// 开展 stands for 发展 after these and before these; never before the activities one 开展s.
    static let developmentBefore = ["经济", "社会", "高质量", "绿色", "协调", "可持续", "创新", "全面", "跨越", "科学",
                                    "融合", "转型", "共同", "长远", "健康", "和谐", "开拓", "县域", "城乡", "产业", "持续",
                                    "培育", "加快", "推动", "促进", "实现"]
    static let developmentAfter = ["新", "理念", "方式", "道路", "战略", "规划", "成果", "机遇", "动能", "中", "水平",
                                   "质量", "目标", "任务", "使命", "阶段", "格局", "需要", "优势", "潜力", "空间", "的",
                                   "同", "和", "与", "、", "，", ",", "。", "改革", "大局", "底色", "新路", "能级",
                                   "生产力", "农业", "经济"]
    static let activityAfter = ["工作", "活动", "行动", "检查", "调研", "培训", "整治", "宣传", "试点", "专项", "督查",
                                "教育", "合作", "交流", "研究", "演练", "评估", "巡查", "排查", "治理"]
    static let partAfter = ["河流", "企业", "单位", "同志", "人员", "群众", "干部", "项目", "工程", "行业", "领域",
                            "镇", "村", "乡镇", "学校", "区域", "断面", "指标", "资金"]

    /// Words before which 开展 is 发展 on local evidence alone: 高质量开展 and 持续开展 are
    /// ordinary news (活动持续开展), 协调开展 or 可持续开展 before a pause are not.
    static let spunDevelopmentBefore = ["协调", "可持续", "绿色", "跨越式", "和谐", "转型", "经济社会", "城乡融合"]

    /// What a rare artifact stands after when it is spun (坚实根底, 打下根底: 基础).
    static let foundationBefore = ["坚实", "牢固", "扎实", "打下", "奠定", "夯实", "物质", "群众", "工作", "良好"]

    /// Repairs in a document without the spinning pattern: `开展` only with development on both
    /// sides (`经济社会协调开展，`), a rare artifact only after words it completes (`坚实根底`).
    func localRepairs(in scalars: [Unicode.Scalar]) -> [Repair] {
        func matches(_ word: String, at index: Int) -> Bool {
            let w = Array(word.unicodeScalars)
            guard index >= 0, index + w.count <= scalars.count else { return false }
            return Array(scalars[index..<(index + w.count)]) == w
        }
        func before(_ index: Int, in words: [String]) -> Bool {
            words.contains { matches($0, at: index - $0.unicodeScalars.count) }
        }
        func after(_ index: Int, in words: [String]) -> Bool { words.contains { matches($0, at: index) } }
        var result: [Repair] = []
        var i = 0
        while i + 1 < scalars.count {
            if matches("开展", at: i), before(i, in: Self.spunDevelopmentBefore), after(i + 2, in: Self.developmentAfter),
               !after(i + 2, in: Self.activityAfter) {
                result.append(Repair(range: i..<(i + 2), replacement: "发展", kind: "context-synonym", confidence: 0.7))
                i += 2
            } else if matches("根底", at: i), before(i, in: Self.foundationBefore) {
                result.append(Repair(range: i..<(i + 2), replacement: "基础", kind: "rare-synonym", confidence: 0.7))
                i += 2
            } else {
                i += 1
            }
        }
        return result
    }

    /// The repairs in `bytes` (valid UTF-8), as byte ranges.
    func changes(in bytes: [UInt8]) -> [CleanupChange] {
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        let found = repairs(in: scalars)
        guard !found.isEmpty else { return [] }
        let utf8Offsets = utf8Offsets(of: scalars)
        return found.map {
            CleanupChange(range: utf8Offsets[$0.range.lowerBound]..<utf8Offsets[$0.range.upperBound],
                          replacement: $0.replacement, kind: $0.kind, confidence: $0.confidence)
        }
    }

    func repairs(in scalars: [Unicode.Scalar]) -> [Repair] {
        let text = String(String.UnicodeScalarView(scalars))
        let hasCertain = Self.certain.contains { text.contains($0.0) }
        let artifactWords = (Self.rare.map(\.0) + ["开展", "缺乏", "本钱", "局部"]).filter { text.contains($0) }
        let hasRare = Self.rare.contains { text.contains($0.0) }
        // Outside a document that shows the pattern, a single spun sentence is repaired only
        // where the neighbours alone are strong evidence (see `localRepairs`).
        guard hasCertain || (artifactWords.count >= 3 && hasRare) else { return localRepairs(in: scalars) }

        var result: [Repair] = []
        var i = 0
        func matches(_ word: String, at index: Int) -> Bool {
            let w = Array(word.unicodeScalars)
            guard index + w.count <= scalars.count else { return false }
            return Array(scalars[index..<(index + w.count)]) == w
        }
        func before(_ index: Int, in words: [String]) -> Bool {
            words.contains { word in
                let w = Array(word.unicodeScalars)
                return index >= w.count && Array(scalars[(index - w.count)..<index]) == w
            }
        }
        func after(_ index: Int, in words: [String]) -> Bool { words.contains { matches($0, at: index) } }
        while i < scalars.count {
            var done = false
            for (artifact, original) in Self.certain where matches(artifact, at: i) {
                result.append(Repair(range: i..<(i + 3), replacement: original, kind: "rule-word", confidence: 0.99))
                i += 3
                done = true
                break
            }
            if done { continue }
            for (artifact, original) in Self.rare where matches(artifact, at: i) {
                result.append(Repair(range: i..<(i + 2), replacement: original, kind: "rare-synonym", confidence: 0.85))
                i += 2
                done = true
                break
            }
            if done { continue }
            if matches("开展", at: i), !after(i + 2, in: Self.activityAfter),
               before(i, in: Self.developmentBefore) || after(i + 2, in: Self.developmentAfter) {
                result.append(Repair(range: i..<(i + 2), replacement: "发展", kind: "context-synonym", confidence: 0.8))
                i += 2
                continue
            }
            if matches("缺乏", at: i), after(i + 2, in: ["，", ",", "。", "、", "；", "的", "之", "和", "等"]) {
                result.append(Repair(range: i..<(i + 2), replacement: "不足", kind: "context-synonym", confidence: 0.75))
                i += 2
                continue
            }
            if matches("本钱", at: i), before(i, in: ["违法", "生产", "运营", "物流", "交易", "融资", "制度", "时间", "人力",
                                                        "治理", "降低", "社会", "守法"]) {
                result.append(Repair(range: i..<(i + 2), replacement: "成本", kind: "context-synonym", confidence: 0.8))
                i += 2
                continue
            }
            if matches("局部", at: i), after(i + 2, in: Self.partAfter) {
                result.append(Repair(range: i..<(i + 2), replacement: "部分", kind: "context-synonym", confidence: 0.7))
                i += 2
                continue
            }
            i += 1
        }
        return result
    }
}
