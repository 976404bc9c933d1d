/// Character classes the recognisers use, on folded (Simplified) scalars.
enum CharacterClass {
    @inline(__always)
    static func isHan(_ c: UInt32) -> Bool {
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF)
            || (c >= 0x20000 && c <= 0x3FFFF)
    }

    /// Chinese numerals that count items in a formula (两 and 双 included; 零 is never one).
    @inline(__always)
    static func isNumeral(_ c: UInt32) -> Bool {
        switch c {
        case 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341,
             0x4E24, 0x53CC, 0x767E, 0x5343, 0x4E07:
            return true
        default:
            return false
        }
    }

    /// A Han character that is not a numeral: the "H" of a formula.
    @inline(__always)
    static func isWord(_ c: UInt32) -> Bool { isHan(c) && !isNumeral(c) }

    @inline(__always)
    static func isOpenQuote(_ c: UInt32) -> Bool { c == 0x201C || c == 0x300C || c == 0x300E }

    @inline(__always)
    static func isCloseQuote(_ c: UInt32) -> Bool { c == 0x201D || c == 0x300D || c == 0x300F }

    @inline(__always)
    static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

    @inline(__always)
    static func isASCIIAlphanumeric(_ c: UInt32) -> Bool {
        isDigit(c) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// A bit set for each BMP scalar a recogniser can start at (digits, numerals, opening
    /// quotes, 、, 就 and 也): 8 KB, which stay in cache where a byte table of 64 KB did not.
    static let triggers: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        func set(_ c: UInt32) { bits[Int(c >> 6)] |= 1 << UInt64(c & 63) }
        for c: UInt32 in 0x30...0x39 { set(c) }
        for c in scalars("一二三四五六七八九十两双百千万就也") { set(c) }
        for c: UInt32 in [0x201C, 0x300C, 0x300E, 0x3001] { set(c) }
        return bits
    }()

    static let enumerationComma: UInt32 = 0x3001   // 、
    static let fullWidthComma: UInt32 = 0xFF0C      // ，
    static let asciiComma: UInt32 = 0x2C

    /// 、 ， or , between the clauses of a chained aphorism.
    @inline(__always)
    static func isClauseComma(_ c: UInt32) -> Bool { c == enumerationComma || c == fullWidthComma || c == asciiComma }

    static func scalars(_ text: String) -> Set<UInt32> { Set(text.unicodeScalars.map(\.value)) }

    /// Measure words (and 大) that make "numeral + measure + noun" a formula: 四个全面, 三大战役.
    static let measures = scalars("个大项场条点张支")
    /// Words that make `NUM H NUM H` a number or a phrase (十届一次全会, 万亩, 两位数, 一步一个脚印,
    /// 四川两地), not a formula.
    static let ordinalMeasures = scalars("届轮亩位次年月日号期批名元角倍成岁层级米吨辆亿零个人口家向川的营连排班")
    /// Words before a numeral that make it an ordinal or an ordinary count (第三, 每一, 这十场).
    static let numeralBlockers = scalars("第每这那前后近逾约头末该此其各独唯")
    /// First characters of a "noun" that show an ordinary quantity (三个月, 两个多小时).
    static let quantityNounStarts = scalars("月人多半小年百千万亿余以来至到左次倍点时周天日")
    /// Characters that transliterate foreign names (马斯克, 海马斯, 佩洛西): a quoted term made of
    /// nothing else is a name.
    static let transliteration = scalars("""
        阿埃艾爱安奥巴拜班贝比波伯布德迪杜多厄恩法菲费弗福盖冈戈格古哈海汉赫霍基吉加杰卡凯科克库拉莱兰朗劳勒雷里利\
        列林卢鲁伦罗洛马迈麦曼梅门蒙米姆莫穆纳内尼努诺帕佩普奇乔萨塞桑森沙施什斯苏索塔泰坦特提图托瓦威维沃乌西希夏谢\
        辛休雅亚扬耶伊因英尤约泽扎詹
        """)
    /// Administrative levels (全国、全省、全市 lists them; it is no slogan).
    static let administrativeLevels = scalars("国省市县区镇乡村州盟旗")
    /// Last characters that make equal-length items a list of names (佤族、傣族、彝族;
    /// 龙江东部、辽宁南部), not a formula.
    static let nameSuffixes = scalars("族部省市县区局国州村镇乡厅委院校馆队组会所站港岛山河湖江路街园州盟旗")
    /// Characters that make a side of `X就是Y` part of an ordinary sentence (…的体现, 自古, 首先要…).
    static let aphorismBlockedCharacters = scalars("的是了着既要在自起首先")
    /// Verbs that follow a counted noun without a break (十大新闻包括…, 三大股指下跌): the noun
    /// ends before them.
    static let nounFinalVerbs: Set<UInt64> = Set("""
        包括 分别 下跌 上涨 达到 增长 落实 发布 举行 召开 开展 启动 实施 完成 取得 发表 揭晓 出炉 亮相 评选
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { word in
            let v = word.unicodeScalars.map(\.value)
            return idiomKey(0, 0, v[0], v[1])
        })
    /// Everyday counted nouns: "两个项目" is a count, "两个维护" a formula.
    static let countedNouns: Set<UInt64> = Set("""
        项目 国家 方面 问题 城市 省份 地区 部门 村庄 企业 孩子 家庭 单位 环节 阶段 领域 品种 批次 区域 县区 乡镇
        园区 基地 站点 样本 案例 人次 亿元 万元 小时 月份 年度 季度 学校 医院 社区 街道 乡村 村子 民族 国际 小组
        平台 窗口 工程 场馆 景区 港口 机场 车站 航班 班次 货物 产品 型号 类别 方向 角度 层面 维度 目标 任务 措施
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { word in
            let v = word.unicodeScalars.map(\.value)
            return idiomKey(0, 0, v[0], v[1])
        })
    /// Compass points (粤东、粤西、粤北 lists regions).
    static let directions = scalars("东西南北中")
    /// Characters that may end a head noun: the noun is followed by one of them or by a non-Han.
    static let nounFollowers = scalars("和与及等的为是")
    /// First characters of Y that make `X就是Y` a plain sentence (关键就是要…), not an aphorism.
    static let aphorismBlockedStarts = scalars("要在把让对为能以不没我你他她它这那一有说指因由从如应该将会可")
    /// Four-character idioms of the numbered-formula shape that are not slogans.
    static let idioms: Set<UInt64> = Set("""
        一心一意 一模一样 一年一度 一五一十 一朝一夕 一点一滴 一言一行 一草一木 一针一线 一举一动 一颦一笑
        一生一世 一唱一和 一张一弛 一问一答 一来一往 一上一下 一左一右 一前一后 一大一小 一高一低 一长一短
        一进一出 一东一西 一时一刻 一丝一毫 一砖一瓦 一字一句 一草一木 一饮一啄 一天一个 一次一个 一人一个
        三心二意 三番五次 三言两语 三长两短 四面八方 四通八达 四平八稳 五湖四海 五颜六色 五花八门 七上八下
        七嘴八舌 七手八脚 七零八落 七拼八凑 七情六欲 九牛一毛 九死一生 十全十美 十拿九稳 千军万马 千山万水
        千家万户 千辛万苦 千言万语 千变万化 千方百计 千奇百怪 百发百中 百战百胜 一干二净 一清二楚 一穷二白
        三令五申 三头六臂 四分五裂 五光十色 十有八九 万众一心 万无一失 一呼百应 一本万利 一日千里 一字千金
        一刻千金 一落千丈 一泻千里 一目十行 一举两得 一箭双雕 一石二鸟 千锤百炼 百折不挠 千差万别 万紫千红
        千丝万缕 千姿百态 千头万绪 一波三折 一日三餐 一年四季 三年五载 四季如春 七老八十 八九不离
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { word in
            let v = word.unicodeScalars.map(\.value)
            return idiomKey(v[0], v[1], v[2], v[3])
        })

    /// Four BMP scalars packed into one key, so that the idiom check allocates nothing.
    @inline(__always)
    static func idiomKey(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) -> UInt64 {
        UInt64(a & 0xFFFF) << 48 | UInt64(b & 0xFFFF) << 32 | UInt64(c & 0xFFFF) << 16 | UInt64(d & 0xFFFF)
    }
}
