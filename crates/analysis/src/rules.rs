//! The rule tables: patterns in the project's own words, compiled once.
//!
//! Pattern shorthand, expanded by [`expand`] before compiling:
//! `'` matches a straight or curly apostrophe, `\b` is an ASCII word boundary, `~` is any
//! character that does not end a sentence, `\w` is an ASCII word character, `{P}` is a
//! third-person subject and `{PX}` is a third-person subject or a named partner.

use crate::types::{Horseman, Indirect, Safety, Trap};

/// What a rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleId {
    Trap(Trap),
    Horseman(Horseman),
    Indirect(Indirect),
    Safety(Safety),
}

/// Negation or doubt just before the match cancels it ("I don't think he's pulling away").
pub(crate) const NEG: u8 = 1;
/// The match must be the whole sentence, apart from punctuation ("Fine.").
pub(crate) const ALONE: u8 = 2;
/// The match is someone else's view ("he thinks I'm clingy"), not the writer's: skip it.
pub(crate) const REPORTED: u8 = 4;

pub(crate) struct RuleDef {
    pub id: RuleId,
    pub confidence: f32,
    pub pattern: &'static str,
    pub flags: u8,
    /// When this matches the text from the start of the match to the end of the sentence, the match is dropped.
    pub veto: Option<&'static str>,
}

const fn r(id: RuleId, confidence: f32, pattern: &'static str, flags: u8) -> RuleDef {
    RuleDef {
        id,
        confidence,
        pattern,
        flags,
        veto: None,
    }
}

const fn rv(
    id: RuleId,
    confidence: f32,
    pattern: &'static str,
    flags: u8,
    veto: &'static str,
) -> RuleDef {
    RuleDef {
        id,
        confidence,
        pattern,
        flags,
        veto: Some(veto),
    }
}

use RuleId::{Horseman as H, Indirect as I, Safety as S, Trap as T};

const AON: RuleId = T(Trap::AllOrNothing);
const OVG: RuleId = T(Trap::Overgeneralization);
const MF: RuleId = T(Trap::MentalFilter);
const DP: RuleId = T(Trap::DiscountingPositive);
const MR: RuleId = T(Trap::MindReading);
const FT: RuleId = T(Trap::FortuneTelling);
const CAT: RuleId = T(Trap::Catastrophizing);
const ER: RuleId = T(Trap::EmotionalReasoning);
const SH: RuleId = T(Trap::ShouldStatements);
const LAB: RuleId = T(Trap::Labeling);
const PER: RuleId = T(Trap::Personalization);
const BL: RuleId = T(Trap::Blaming);
const CMP: RuleId = T(Trap::Comparing);
const CRI: RuleId = H(Horseman::Criticism);
const CON: RuleId = H(Horseman::Contempt);
const DEF: RuleId = H(Horseman::Defensiveness);
const STO: RuleId = H(Horseman::Stonewalling);
const HIN: RuleId = I(Indirect::Hinting);
const TST: RuleId = I(Indirect::Testing);
const EMR: RuleId = I(Indirect::ExpectingMindReading);
const SELF: RuleId = S(Safety::SelfHarm);
const DNG: RuleId = S(Safety::Danger);

/// Every rule. Order does not matter.
pub(crate) const RULES: &[RuleDef] = &[
    // ---- all or nothing
    r(
        AON,
        0.75,
        r"\b(?:the )?(?:whole|entire) (?:relationship|thing|night|evening|weekend|day|trip|holiday|date|party) (?:is|was|'s|will be) (?:over|ruined|pointless|wasted|doomed|a (?:total |complete )?(?:failure|waste|disaster))",
        0,
    ),
    r(
        AON,
        0.75,
        r"\beither\b~{1,80}\bor\b~{0,60}\b(?:at all|doomed|nothing|over|worthless|a failure)\b",
        0,
    ),
    r(
        AON,
        0.75,
        r"\b(?:ruined|wrecked|destroyed|ruin|wreck) everything\b",
        NEG,
    ),
    r(
        AON,
        0.75,
        r"\beverything (?:we (?:built|had|have) )?(?:is|was|'s|will be) (?:ruined|wrong|over|falling apart|pointless|destroyed)",
        NEG,
    ),
    r(
        AON,
        0.7,
        r"\b(?:completely|totally|utterly|entirely) (?:ruined|destroyed|wrecked|spoiled)\b",
        NEG,
    ),
    r(
        AON,
        0.75,
        r"\b(?:is|was|'s|are|were) (?:a |an )?(?:total|complete|utter|absolute) (?:failure|disaster|waste|write-off)\b",
        NEG,
    ),
    r(
        AON,
        0.75,
        r"\bnothing (?:i|i've) (?:do|say|did|said|try|tried|ever do|ever say)\b~{0,25}\b(?:good enough|right|works|matters|helps|enough)\b",
        0,
    ),
    r(AON, 0.75, r"\bif i'm not (?:the )?perfect\b", 0),
    r(
        AON,
        0.7,
        r"\bperfect\b~{0,40}\b(?:or|otherwise)\b~{0,30}\b(?:terrible|failure|worthless|doomed|nothing|useless)\b",
        0,
    ),
    r(
        AON,
        0.75,
        r"\bone (?:bad |little |single |stupid )?(?:date|argument|fight|mistake|text|comment|night)\b~{0,50}\b(?:ruined|over|falling apart|doomed|done)\b",
        0,
    ),
    r(
        AON,
        0.75,
        r"\b(?:it's|it is|we're|we are|everything's) all (?:falling apart|ruined)\b",
        NEG,
    ),
    r(
        AON,
        0.7,
        r"\bunless {P}\b~{0,50}\b(?:doesn't|don't|didn't|does not|do not) (?:really )?(?:love|care|want)\b",
        0,
    ),
    r(
        AON,
        0.7,
        r"\bif (?:we|he|she|they|you|i)\b~{0,40}\bmeans?\b~{0,40}\b(?:at all|over|doomed|not right|never)\b",
        0,
    ),
    r(
        AON,
        0.7,
        r"\b(?:not|no) (?:right|good) for each other at all\b",
        0,
    ),
    // ---- overgeneralization (third person, self, everyone/nobody; "you" belongs to criticism)
    r(
        OVG,
        0.7,
        r"\b{PX} never (?:\w+ ){0,1}(?:makes? time|listens?|asks?|calls?|texts?|helps?|remembers?|notices?|cares?|includes?|wants?|chooses?|puts? me|says?|apologi[sz]es?|plans?|initiates?|compliments?|thanks?|supports?|shows? up|has time|have time|reaches? out|picks? me|invites?|thinks? of me|gets? me)\b",
        0,
    ),
    r(
        OVG,
        0.7,
        r"\b{PX} always (?:\w+ ){0,1}(?:forgets?|ignores?|chooses? (?:his|her|their) |puts? (?:his|her|their) |picks? (?:his|her|their) |leaves? me|cancels?|is late|runs? late|criticizes?|complains?|makes? (?:everything|it) about|interrupts?|ends? up|blames?|lets? me down|breaks? (?:his|her|their) promises?|has an excuse|finds? an excuse|prefers?|forgets? about me)",
        0,
    ),
    r(
        OVG,
        0.75,
        r"\bthis (?:always|keeps) happen(?:s|ing) (?:to me|in (?:my )?relationships)\b",
        0,
    ),
    r(OVG, 0.7, r"\bthis always happens\b", 0),
    r(
        OVG,
        0.7,
        r"\bevery (?:single )?time (?:i|we)\b~{0,40}\b(?:hurt|ignor\w*|leaves?|left|goes wrong|go wrong|ends? up|fight|rejected|let down)\b",
        0,
    ),
    r(
        OVG,
        0.75,
        r"\b(?:everyone|everybody|people|all the people|every (?:guy|girl|man|woman|person)) (?:i (?:date|dated|love|loved|trust|trusted|get close to)\w* )?(?:always )?(?:ends? up )?(?:leav\w*|gets? (?:bored|tired|sick)|cheat\w*|abandon\w*|hurts? me|lets? me down)",
        0,
    ),
    r(
        OVG,
        0.75,
        r"\b(?:nobody|no one|no-one) (?:ever )?(?:stays|chooses|wants|loves|cares|likes|picks|listens|sticks around)\b",
        0,
    ),
    r(
        OVG,
        0.7,
        r"\bi always (?:end up|get (?:dumped|left|hurt|rejected|cheated|ignored|abandoned)|mess|ruin|screw|lose (?:people|them|everyone)|push (?:people|them|everyone)|choose the wrong)",
        0,
    ),
    r(
        OVG,
        0.75,
        r"\bevery (?:relationship|partner|guy|girl|man|woman|boyfriend|girlfriend|ex)\b~{0,30}\b(?:ends?|ended|cheat\w*|leaves?|left|the same way)\b",
        0,
    ),
    r(
        OVG,
        0.7,
        r"\b{P}(?:'re|'s| are| is) always (?:late|on (?:his|her|their) phone|busy|too busy|out)\b",
        0,
    ),
    r(
        OVG,
        0.65,
        r"\b{PX} never (?:\w+ ){0,2}(?:wants? to do what i want|does anything)\b",
        0,
    ),
    // ---- mental filter
    r(
        MF,
        0.75,
        r"\ball i (?:can )?(?:think about|remember|see|focus on|hear)\b",
        0,
    ),
    r(
        MF,
        0.75,
        r"\bi keep (?:replaying|thinking about|going over|coming back to|hearing)\b~{0,30}\b(?:one|that)\b",
        0,
    ),
    r(
        MF,
        0.75,
        r"\bcan't (?:stop thinking about|get|shake|let go of|stop replaying) (?:the|that|this) one\b",
        0,
    ),
    r(
        MF,
        0.75,
        r"\b(?:that|the|this) one (?:comment|thing|text|look|moment|remark|mistake|word|fight|argument|sentence|silence)\b~{0,30}\b(?:ruined|spoiled|wrecked)\b",
        0,
    ),
    r(
        MF,
        0.75,
        r"\b(?:spoiled|ruined|wrecked) by (?:that|the|this|one) (?:one )?\w+",
        0,
    ),
    r(
        MF,
        0.7,
        r"\bi can only (?:focus on|see|think about|remember) the (?:bad|negative|wrong|worst)\b",
        0,
    ),
    r(
        MF,
        0.75,
        r"\bthe only (?:thing|part|bit) (?:that stuck|i (?:can )?remember|i noticed|i can think about)\b",
        0,
    ),
    r(
        MF,
        0.7,
        r"\ball i see (?:is|are) the (?:things|bad|mistakes|problems)\b",
        0,
    ),
    // ---- discounting the positive
    r(
        DP,
        0.75,
        r"\bbut {P} (?:was|were|'s|is|'re|are)(?: probably| only| just| obviously){1,2} (?:being )?(?:nice|polite|kind|saying (?:that|it)|bored|in a good mood|guilty|pretending)",
        0,
    ),
    r(
        DP,
        0.75,
        r"\b{P} only (?:said|did|called|texted|complimented|came|hugged|remembered|asked|invited|apologi[sz]ed|said sorry|helped|kissed)\b~{0,40}\bbecause\b",
        0,
    ),
    r(
        DP,
        0.75,
        r"\b{P} (?:was|were|is|are) only (?:sweet|nice|kind|affectionate|loving|there)\b~{0,30}\bbecause\b",
        0,
    ),
    r(
        DP,
        0.75,
        r"\b(?:that|it|this|the \w+|that \w+ \w+) (?:doesn't|does not|didn't) (?:really )?(?:count|mean anything|mean a thing)\b",
        0,
    ),
    r(DP, 0.7, r"\banyone would(?: have)?\b", NEG),
    r(DP, 0.75, r"\b(?:just|only|was) a fluke\b", 0),
    r(DP, 0.75, r"\bsays? that to everyone\b", 0),
    r(DP, 0.75, r"\bbut (?:it was |that was )?only because\b", 0),
    r(
        DP,
        0.7,
        r"\bsaying (?:that|it|sorry) (?:just )?to (?:end|stop|get out of)\b",
        0,
    ),
    // ---- mind reading
    r(
        MR,
        0.8,
        r"\b{PX}(?:'s|'re| is| are)? (?:must|probably|obviously|clearly|secretly|definitely)(?: be)? (?:pulling away|losing interest|getting (?:tired|bored|sick) of|bored of|bored with|sick of|tired of|annoyed|angry|mad|upset with me|hiding|talking to|seeing someone|cheating|regrets?|regretting|hates?|hating|wants? out|over me|done with me|comparing|lying|falling out of love|lost interest|thinking about (?:his|her|their) ex|think(?:s|ing)? (?:i'm|i am|that i)|laughing at|judging|embarrassed (?:of|by) me|doesn't|don't|does not|do not|would rather|wish)",
        NEG,
    ),
    r(
        MR,
        0.65,
        r"\b{P}(?:'s|'re| is| are) (?:pulling away|losing interest|bored of me|tired of me|sick of me|over me|done with me|hiding something|seeing someone else|falling out of love)\b",
        NEG,
    ),
    r(
        MR,
        0.8,
        r"\b(?:i know|i can tell|i bet|i'm sure|i just know)(?: that)? {P}(?:'s|'re|'d| is| are| would| has| have)?\b~{0,40}\b(?:ex|doesn't|don't|rather|bored|annoyed|lost interest|losing interest|hates?|regrets?|comparing|lying|cheating|hiding|tired of|sick of|laughing|wants? out|leave me|doesn't want|judging|disappointed in me|thinks? (?:i'm|i am))",
        NEG,
    ),
    r(
        MR,
        0.8,
        r"\b{PX} (?:thinks?|must think|probably thinks?|finds?) (?:i'm|i am|that i'm|that i am|me)\b~{0,25}\b(?:needy|boring|clingy|annoying|stupid|ugly|too much|crazy|pathetic|fat|jealous|dramatic|desperate|unattractive|embarrassing|a burden|a joke|weird)",
        NEG,
    ),
    r(
        MR,
        0.75,
        r"\b(?:they're|they are|everyone is|everyone's) (?:all )?(?:laughing at|talking about|judging) me\b",
        NEG,
    ),
    r(
        MR,
        0.7,
        r"\b{P} (?:obviously|clearly) (?:doesn't|don't|does not|do not|regrets?|hates?|wants? (?:out|someone)|prefers?)\b",
        NEG,
    ),
    // ---- fortune telling
    r(
        FT,
        0.75,
        r"\b{PX}(?:'s|'re| is| are) (?:going to|gonna) (?:leave|dump|break up|cheat|get bored|get tired|meet someone|find someone|say no|hate|end (?:it|things)|realize|realise|forget about me|stop loving|replace|lose interest|get sick of|walk out)",
        NEG,
    ),
    r(
        FT,
        0.75,
        r"\b{PX}(?:'ll| will) (?:never (?:forgive|trust|love|want|change|choose|come back|stay)|(?:eventually |soon |probably |definitely |just )?(?:leave|dump|break up|cheat|get bored|get tired|find someone|meet someone|stop loving|replace|lose interest|get sick of|walk out))",
        NEG,
    ),
    r(
        FT,
        0.75,
        r"\b(?:this|it|tonight|tomorrow|things|we|the (?:date|trip|dinner|party|weekend|holiday|talk)|this (?:weekend|date|trip|relationship))(?:'s|'re| is| are) (?:going to|gonna) (?:end badly|fall apart|be (?:a disaster|awful|terrible|horrible|a nightmare|a mess|the end)|fail|go (?:wrong|badly)|end)\b",
        NEG,
    ),
    r(
        FT,
        0.75,
        r"\b(?:this|it|we|things)(?:'ll| will) (?:end badly|fall apart|never work|fail|go wrong|be over)\b",
        NEG,
    ),
    r(
        FT,
        0.7,
        r"\bi just know (?:it's|it is|it|he|she|they|this|we)\b~{0,40}\b(?:going to|gonna|will|'ll)\b",
        NEG,
    ),
    r(
        FT,
        0.75,
        r"\bi(?:'ll| will) (?:end up|die|always be|be) alone\b",
        NEG,
    ),
    r(
        FT,
        0.75,
        r"\bi(?:'ll| will)(?: never|'m never going to) (?:be happy|find (?:anyone|someone|love)|be loved|be enough|be good enough|have a (?:good|happy|normal) relationship)",
        0,
    ),
    r(
        FT,
        0.75,
        r"\bi'm never going to (?:be happy|find|be loved|be enough|have)\b",
        0,
    ),
    r(FT, 0.75, r"\bonly a matter of time\b", NEG),
    r(
        FT,
        0.7,
        r"\b(?:awkward|alone|miserable|single) forever\b",
        NEG,
    ),
    // ---- catastrophizing
    r(
        CAT,
        0.75,
        r"\b(?:i won't|i wouldn't|i'd never|i would never|i'll never|i will never|i couldn't|i could never|i can't) (?:survive|recover|get over (?:it|this|him|her|them)|cope|bear (?:it|this)|live without)\b",
        0,
    ),
    r(
        CAT,
        0.75,
        r"\bi can't (?:handle|take) (?:this|it|that|any more|anymore)\b",
        0,
    ),
    r(
        CAT,
        0.7,
        r"\b(?:a |an )?(?:total |complete |absolute |utter )?(?:disaster|catastrophe|nightmare)\b",
        NEG,
    ),
    r(
        CAT,
        0.75,
        r"\b(?:the )?worst (?:thing|day|night|possible|outcome)\b~{0,20}\b(?:could|ever|of my life|possible|happen)",
        NEG,
    ),
    r(
        CAT,
        0.75,
        r"\b(?:my )?(?:whole )?life (?:would be|is|will be|'s|would|will) (?:be )?(?:over|ruined|destroyed|meaningless|pointless|end)\b",
        NEG,
    ),
    r(
        CAT,
        0.75,
        r"\b(?:unbearable|end of the world|lose my mind|losing my mind)\b",
        NEG,
    ),
    r(
        CAT,
        0.7,
        r"\bi(?:'ll| will| would|'d) (?:completely |totally )?(?:fall apart|break down|never recover|lose it|be destroyed|be devastated)\b",
        NEG,
    ),
    r(CAT, 0.75, r"\bwould (?:destroy|kill|ruin) me\b", NEG),
    // ---- emotional reasoning
    r(
        ER,
        0.8,
        r"\bi feel\b~{0,60}?,? (?:so|therefore|and so) (?:he|she|they|i|it|something|that|this)(?:'s| is| are| am| must| has to| have to| know| probably| definitely)\b",
        0,
    ),
    r(
        ER,
        0.8,
        r"\bi feel\b~{0,60}?\b(?:which|that|it|this) (?:means|proves|must mean|has to mean|shows)\b",
        0,
    ),
    r(
        ER,
        0.8,
        r"\bit (?:must|has to) mean (?:something|that)\b",
        NEG,
    ),
    r(ER, 0.75, r"\b(?:it )?feels (?:so )?true\b~{0,60}\bso\b", 0),
    r(
        ER,
        0.8,
        r"\bsince i feel\b~{0,40}\b(?:must|has to|have to|is|are)\b",
        0,
    ),
    r(
        ER,
        0.75,
        r"\bmy gut (?:says|tells me|is always right|knows)\b",
        NEG,
    ),
    r(ER, 0.75, r"\bso it (?:has to|must) be true\b", NEG),
    r(
        ER,
        0.75,
        r"\bi feel (?:like )?\w+(?: \w+){0,3}, therefore\b",
        0,
    ),
    // ---- should statements (people and self; "you should know" belongs to expecting_mind_reading)
    rv(
        SH,
        0.7,
        r"\b(?:{PX}|a good (?:\w+ )?(?:boyfriend|girlfriend|partner|husband|wife|person)|partners|couples)(?: really| always| never| just)? (?:should(?:n't)?|ought to|must always|must never|has to always|needs to always)\b(?: always| never| have| not)?(?: \w+)?",
        0,
        r"^~{0,40}\bshould(?:n't)? (?:be (?:here|home|back|there|fine|ok|okay|done|ready|able|arriving|landing|asleep|finished|free|out)|arrive|land|get (?:home|here|back|there)|finish)",
    ),
    rv(
        SH,
        0.7,
        r"\bi (?:should(?:n't| not)?|ought(?:n't)? to|must) (?:(?:always|never|not) )?(?:be (?:over|stronger|better|able|more|less|fine|ok|okay|this|so|happy|grateful|calm|perfect)|feel|need|have been|have felt|know better|want|care|get upset|get jealous|be jealous|mind)\b",
        0,
        r"^~{0,30}\b(?:be (?:able to (?:call|go|make|get|come|finish))|feel free)\b",
    ),
    r(SH, 0.7, r"\bi (?:must|should) (?:never|always)\b", 0),
    r(
        SH,
        0.7,
        r"\bi (?:have to|need to|must) be (?:the )?perfect\b",
        0,
    ),
    // ---- labeling
    rv(
        LAB,
        0.8,
        r"\b(?:i'm|i am|i'm just|i am just)(?: (?:such|so|just|a|an|really|completely|total|totally|utter|utterly|complete|absolute|nothing but|the most|crazy|needy|clingy|jealous|pathetic|horrible|terrible|awful|useless|stupid|big|fucking|little)){0,4} (?:pathetic|idiot|stupid|unlovable|burden|failure|loser|mess|worthless|useless|disgusting|crazy|needy|clingy|psycho|hopeless|embarrassment|horrible|terrible|awful|joke|fool|moron|unworthy|ugly|freak|waste of space|nobody|disappointment|unattractive)\b(?: (?:girlfriend|boyfriend|partner|person|wife|husband|human|friend))?",
        NEG | REPORTED,
        r"^~{0,30}\b(?:crazy about|terrible at|awful at|horrible at|terrible with|a mess (?:today|right now|at the moment)|stupid (?:enough|question)|hopeless romantic)",
    ),
    r(
        LAB,
        0.75,
        r"\b(?:he's|she's|he is|she is|they're|they are|he was|she was|my (?:partner|boyfriend|girlfriend|husband|wife|ex) is)(?: (?:such|so|a|an|just|total|complete|real|such a|such an|an absolute|a complete|a total|a selfish|a lying)){0,3} (?:liar|jerk|selfish|cheater|narcissist|idiot|loser|cold person|cold-hearted|psycho|creep|monster|manipulator|user|player|asshole|bitch|pig|coward|heartless|bastard|fake|snake|useless)\b",
        NEG,
    ),
    // ---- personalization
    r(
        PER,
        0.8,
        r"\b(?:it's|it is|that's|that is|it was|that was|this is)(?: all| probably| definitely)? my fault\b",
        0,
    ),
    r(PER, 0.8, r"\b(?:is|was|'s)(?: all)? my fault\b", 0),
    r(
        PER,
        0.8,
        r"\b(?:because of|due to) (?:me|something i (?:did|said|wrote|forgot))\b",
        NEG,
    ),
    r(
        PER,
        0.8,
        r"\bi must have (?:done|said|upset|made|annoyed|hurt|bored|pushed|scared|disappointed)\b",
        NEG,
    ),
    r(
        PER,
        0.75,
        r"\bif i (?:were|was|had been|'d been) (?:more|less|\w+er)\b~{0,50}\b(?:wouldn't|would|'d|would not)\b",
        0,
    ),
    r(PER, 0.8, r"\bi'm the (?:reason|cause|problem)\b", NEG),
    r(PER, 0.75, r"\bit's (?:all )?about me\b", NEG),
    r(
        PER,
        0.7,
        r"\bi (?:made|make) (?:him|her|them) (?:unhappy|upset|sad|angry|stressed|leave|pull away)\b",
        NEG,
    ),
    // ---- blaming
    r(
        BL,
        0.8,
        r"\b(?:it's|it is|that's|this is)(?: all| completely| entirely)? (?:his|her|their|my (?:partner|boyfriend|girlfriend|husband|wife|ex)'s) fault\b",
        0,
    ),
    r(
        BL,
        0.8,
        r"\b(?:is|was|'s)(?: all| completely| entirely)? (?:his|her|their) fault\b",
        0,
    ),
    rv(
        BL,
        0.75,
        r"\b(?:{PX}|you) (?:makes?|made) me (?:feel (?:this way|like this|so|worthless|crazy|jealous|insecure|anxious|unwanted|stupid|terrible|awful|bad)|so (?:angry|anxious|jealous|insecure|upset|miserable|mad|crazy|sad)|this (?:way|anxious|jealous|insecure|upset|miserable)|jealous|anxious|insecure|crazy|miserable|like this|act (?:like )?this|do it|say it|this way)\b",
        0,
        r"^~{0,30}\b(?:feel so (?:happy|loved|safe|good|special))",
    ),
    r(
        BL,
        0.75,
        r"\b(?:he|she|they|my ex|my (?:partner|boyfriend|girlfriend|husband|wife)) (?:ruined|ruins|wrecked|destroyed|has ruined|spoiled) (?:my|our|me|the|everything)\b",
        NEG,
    ),
    r(
        BL,
        0.75,
        r"\b(?:he's|she's|they're|he is|she is|they are) the (?:reason|one who|one that)\b~{0,40}\b(?:i|i'm|me|my|so hard|made|ruined)\b",
        0,
    ),
    r(
        BL,
        0.7,
        r"\bbecause of (?:him|her|them|my ex)\b,? (?:i|i'm|i've|i am)\b",
        0,
    ),
    r(
        BL,
        0.75,
        r"\bif {P} (?:cared|loved me|actually cared|really cared|really loved me|tried)\b~{0,30}\bi (?:wouldn't|would not|'d not)\b",
        0,
    ),
    // ---- comparing
    rv(
        CMP,
        0.75,
        r"\b(?:\w+er|more \w+|better|worse|so much \w+|way more \w+|far more \w+|much \w+er)\b~{0,20}\bthan (?:me|us|i (?:am|do|ever|will)|mine|we (?:are|do|ever))\b",
        0,
        r"\bthan i (?:expected|thought|planned)",
    ),
    r(
        CMP,
        0.75,
        r"\bi'm not as \w+ as\b|\bi am not as \w+ as\b",
        0,
    ),
    r(
        CMP,
        0.75,
        r"\beveryone else(?:'s)? (?:boyfriend|girlfriend|partner|husband|wife|relationship)s?\b",
        0,
    ),
    r(
        CMP,
        0.75,
        r"\bother couples\b~{0,30}\b(?:happier|better|never|always|more|don't|so)\b",
        0,
    ),
    r(CMP, 0.75, r"\bwhy can't i be (?:as|more like|like)\b", 0),
    r(
        CMP,
        0.65,
        r"\bcompared to (?:other|his|her|their|everyone|my friends)\b",
        0,
    ),
    r(
        CMP,
        0.7,
        r"\ball my friends are (?:engaged|married|getting married|in (?:happy|good) relationships)\b",
        0,
    ),
    r(
        CMP,
        0.7,
        r"\bmy friends (?:have|all have) (?:better|happier)\b",
        0,
    ),
    // ---- criticism (about "you")
    rv(
        CRI,
        0.85,
        r"\byou(?:'re| are)? never\b(?: \w+)?",
        0,
        r"^you(?:'re| are)? never (?:fail|let me down|judge|stop making me|complain|disappoint|forget (?:my|to|our)|make me feel (?:bad|stupid|small))",
    ),
    rv(
        CRI,
        0.85,
        r"\byou(?:'re| are)? always\b(?: \w+)?",
        0,
        r"^you(?:'re| are)? always (?:blaming me|make me (?:laugh|smile|happy|feel (?:better|safe|loved|good|special))|know (?:how|what to)|look (?:great|good|beautiful|lovely)|cheer|support|help me|there for|so (?:kind|sweet|thoughtful|patient|good|generous)|remember|find a way|welcome|take such good care|listen)",
    ),
    r(
        CRI,
        0.85,
        r"\bwhy (?:can't|don't|won't|do|can) you (?:ever|always|never)\b",
        0,
    ),
    r(CRI, 0.85, r"\bwhat(?:'s| is) wrong with you\b", 0),
    r(
        CRI,
        0.8,
        r"\byou(?:'re| are)(?: just)? (?:so |such an? |really |completely |totally |just |always |being )?(?:selfish|lazy|useless|inconsiderate|careless|thoughtless|irresponsible|immature|insensitive|rude|unreliable|self-centered|self-centred|self-absorbed|hopeless|impossible|controlling|clueless|childish|cold|heartless|a slob|a mess)\b",
        NEG,
    ),
    r(
        CRI,
        0.8,
        r"\byou don't (?:even )?care about (?:anyone|anything|me|my feelings|us|what i)\b",
        0,
    ),
    r(
        CRI,
        0.8,
        r"\b(?:you )?(?:always )?(?:have to )?make (?:everything|it all) about you\b",
        0,
    ),
    r(
        CRI,
        0.75,
        r"\byou (?:ruin|ruined|wreck|spoil) everything\b",
        0,
    ),
    r(
        CRI,
        0.75,
        r"\bwhy do you (?:have to|always|never|even)\b",
        0,
    ),
    // ---- contempt
    rv(
        CON,
        0.85,
        r"\byou(?:'re| are)(?: (?:such|so|a|an|just|total|complete|real|pathetic|absolute|fucking|big)){0,3} (?:pathetic|disgusting|idiot|loser|joke|baby|moron|stupid|worthless|embarrassment|pig|child|clown|excuse for|dumb|laughable|ridiculous|a waste|a nobody|nothing)\b",
        NEG,
        r"^~{0,25}\b(?:(?:such|a) (?:cute|sweet) |my baby)",
    ),
    rv(
        CON,
        0.8,
        r"\bwhat an? (?:joke|loser|surprise|shock|idiot|genius|baby)\b",
        0,
        r"^what an? \w+ i am\b",
    ),
    r(
        CON,
        0.8,
        r"\b(?:great|nice|good|well done|brilliant) (?:job|going|work|one)\b,? (?:genius|einstein|sherlock|champ|hero)\b",
        0,
    ),
    r(CON, 0.8, r"\b(?:genius|einstein|sherlock)\b", 0),
    r(
        CON,
        0.75,
        r"\boh,? (?:wow|great|please|sure|really|congratulations)\b",
        0,
    ),
    r(CON, 0.75, r"\byeah,? right\b", 0),
    r(
        CON,
        0.8,
        r"\b(?:like|as if) you(?:'ve|'d| have| would| could)? (?:ever|even)\b",
        0,
    ),
    r(CON, 0.75, r"\bgive me a break\b|\bgrow up\b", 0),
    r(
        CON,
        0.8,
        r"\bwhatever,? (?:you )?(?:idiot|moron|loser|genius)\b",
        0,
    ),
    r(
        CON,
        0.8,
        r"\bsomeone so (?:stupid|useless|pathetic|dumb|lazy|selfish)\b",
        0,
    ),
    r(CON, 0.75, r"🙄|\*(?:rolls? (?:my )?eyes|eye ?roll)\*", 0),
    r(
        CON,
        0.75,
        r"\bcongratulations\b~{0,30}\b(?:finally|remembered|noticed)\b|\b(?:finally|remembered|noticed)\b~{0,30}\bcongratulations\b",
        0,
    ),
    // ---- defensiveness
    r(
        DEF,
        0.8,
        r"\b(?:it's|it is|that's|this is|it was) not my fault\b|\bit wasn't (?:me|my fault)\b|\bnot my fault\b",
        0,
    ),
    r(
        DEF,
        0.8,
        r"\bi (?:didn't|did not) do anything(?: wrong)?\b|\bi did nothing(?: wrong)?\b",
        0,
    ),
    r(
        DEF,
        0.8,
        r"\bdon't blame (?:me|this on me|it on me|that on me)\b|\bstop (?:attacking|blaming|accusing) me\b",
        0,
    ),
    r(
        DEF,
        0.8,
        r"\byou do (?:it|that|the same) too\b|\bwell,? you\b~{0,40}\b(?:too|either|all the time)\b",
        0,
    ),
    r(
        DEF,
        0.8,
        r"\bwhat about (?:you|the time you|when you|your)\b",
        0,
    ),
    r(
        DEF,
        0.8,
        r"\bi'm not the one (?:who|with|that)\b|\byou're the one (?:who|that)\b|\byou started it\b",
        0,
    ),
    r(
        DEF,
        0.75,
        r"\bthat's not true,? i (?:always|never|did)\b",
        0,
    ),
    r(DEF, 0.75, r"\b(?:only|just)(?: \w+)? because you\b", 0),
    r(
        DEF,
        0.7,
        r"\bit's not like i\b|\bwhat was i supposed to do\b|\bi was just trying to\b~{0,20}\bso\b",
        0,
    ),
    // ---- stonewalling (a break that promises to come back is self-soothing: handled in the engine)
    r(
        STO,
        0.8,
        r"\bi'm done (?:talking|with this conversation|discussing)\b",
        0,
    ),
    r(STO, 0.8, r"\bleave me alone\b", NEG),
    r(
        STO,
        0.8,
        r"\bi(?:'m| am) not (?:discussing|talking about|going to (?:talk|discuss|answer|respond)|talking to you|answering)\b",
        0,
    ),
    r(
        STO,
        0.8,
        r"\bi (?:don't|do not) want to (?:discuss|talk about|hear) (?:it|this|that|about it)\b",
        0,
    ),
    r(STO, 0.8, r"\bi have nothing (?:more |else )?to say\b", 0),
    r(STO, 0.8, r"\bi don't care(?: anymore| any more)?\b", NEG),
    r(
        STO,
        0.8,
        r"\b(?:this|the) conversation is over\b|\bdon't talk to me\b|\bforget it\b|\bdo what(?:ever)? you want\b|\bend of (?:discussion|conversation|story)\b",
        0,
    ),
    r(STO, 0.75, r"\b(?:fine|whatever)\b", ALONE),
    // ---- hinting
    r(HIN, 0.75, r"\bmust be nice\b", 0),
    r(
        HIN,
        0.75,
        r"\bsome (?:people|of us)\b(?: \w+){0,3}? (?:remember|would(?: have)?|have to|actually|manage|bother|call|help|do|can)\b",
        0,
    ),
    r(
        HIN,
        0.75,
        r"\bi guess i(?:'ll| will) (?:just )?\w+\b~{0,30}\b(?:myself|alone|then|again)\b",
        0,
    ),
    r(
        HIN,
        0.75,
        r"\bnice that you (?:have|find|got|make) (?:the )?time\b",
        0,
    ),
    r(HIN, 0.75, r"\bfunny how you\b", 0),
    r(
        HIN,
        0.75,
        r"\bother people's (?:partners|boyfriends|girlfriends|husbands|wives)\b",
        0,
    ),
    r(HIN, 0.7, r"\bi suppose (?:some of us|i'll|i will)\b", 0),
    r(
        HIN,
        0.7,
        r"\bno (?:rush|worries),? i'll (?:just )?do it myself\b|\bdon't worry,? i'll do it myself\b",
        0,
    ),
    // ---- testing
    rv(
        TST,
        0.75,
        r"\bif you (?:really |actually |truly )?(?:loved|cared about|cared|wanted|love|care about|care)\b(?: me)?~{0,40}\byou(?:'d| would| will|'ll)\b",
        0,
        r"\byou(?:'d| would|'ll| will) (?:know|understand|see|realize|realise|get it|have known)",
    ),
    r(
        TST,
        0.75,
        r"\bsee (?:if|whether|how long (?:it takes)?) (?:he|she|they|him|her|them|you)\b~{0,30}\b(?:notices?|cares?|misses?|chases?|asks?|remembers?|texts? first|reaches? out|comes? after|realizes?|realises?|calls?|miss me|even)\b",
        0,
    ),
    r(TST, 0.8, r"\bprove (?:that )?you\b|\bprove it\b", 0),
    r(
        TST,
        0.75,
        r"\bi'm not (?:going to )?(?:text|texting|call|calling|message|messaging|reach out to|reaching out to) (?:him|her|them)?\s?first\b",
        0,
    ),
    // ---- expecting mind reading
    r(
        EMR,
        0.8,
        r"\byou should (?:know|have known|be able to tell|realize|realise|have realized|understand|have noticed|notice)\b",
        0,
    ),
    r(
        EMR,
        0.8,
        r"\bi shouldn't have to (?:tell|ask|say|spell|remind|explain)\b",
        0,
    ),
    r(
        EMR,
        0.8,
        r"\bif you (?:really )?(?:loved me|cared|knew me|paid attention|were paying attention|listened|cared about me)\b~{0,30}\byou(?:'d| would) (?:know|understand|see|realize|realise|have known)\b",
        0,
    ),
    r(EMR, 0.8, r"\byou know (?:exactly )?what you did\b", 0),
    r(
        EMR,
        0.7,
        r"\bi shouldn't need to (?:tell|ask|say|explain)\b",
        0,
    ),
    // ---- self-harm (high recall: no negation handling)
    r(
        SELF,
        0.9,
        r"\b(?:i )?(?:want|wanna|wish|going|plan|planning|thinking|thought|think|decided|ready) (?:to |about |of )(?:die|dying|kill(?:ing)? myself|end(?:ing)? (?:it all|my life|things|it|everything)|hurt(?:ing)? myself|harm(?:ing)? myself|disappear forever|not (?:be )?(?:here|alive|wake up|exist))",
        0,
    ),
    r(
        SELF,
        0.9,
        r"\bkill(?:ing)? myself\b|\bsuicid\w*|\bend(?:ing)? (?:it all|my life|my own life)\b|\btake my (?:own )?life\b",
        0,
    ),
    r(
        SELF,
        0.9,
        r"\b(?:hurt|hurting|cut|cutting|harm|harming|burn|burning|starve|starving) myself\b|\bself[- ]harm\w*",
        0,
    ),
    r(
        SELF,
        0.9,
        r"\bdon't want to (?:be here|live|be alive|exist|wake up|go on)\b|\bwant to die\b|\bwish i (?:was|were) dead\b|\bwish i (?:wasn't|weren't|was never|had never been) (?:here|alive|born)\b",
        0,
    ),
    r(
        SELF,
        0.85,
        r"\b(?:better off|be better|be happier|be easier) (?:without me|if i (?:was|were|wasn't|weren't) (?:gone|dead|here|around))\b|\bbetter off if i (?:was|were) (?:gone|dead)\b",
        0,
    ),
    r(
        SELF,
        0.85,
        r"\bnever wake up\b|\bno (?:reason|point) (?:to|in) (?:live|living|going on|being alive)\b|\bcan't go on\b|\bdisappear forever\b|\boverdos\w+|\bnot worth living\b",
        0,
    ),
    // ---- danger from a partner (high recall: no negation handling)
    r(
        DNG,
        0.9,
        r"\b(?:{PX}|you) (?:\w+ )?(?:hit|hits|slapped|slaps|punched|punches|kicked|kicks|pushed|pushes|shoved|shoves|choked|chokes|strangled|strangles|beat|beats|grabbed|grabs|bit|burned|threw \w+ at|spat on|raped|assaulted|hurt|hurts|attacked|shook) (?:me|my)\b",
        0,
    ),
    r(
        DNG,
        0.9,
        r"\bthreaten(?:ed|s|ing)? (?:to )?(?:hurt|kill|take|harm|me|with|us|my|leave me with nothing|ruin)",
        0,
    ),
    r(
        DNG,
        0.9,
        r"\b(?:said|says|told me|swore) (?:that )?(?:he|she|they)(?:'d| would| will|'ll) (?:kill|hurt|harm|take the kids|make me pay|find me)\b",
        0,
    ),
    r(
        DNG,
        0.9,
        r"\b(?:he|she|they)(?:'ll| will| would|'d| might| could|'s going to) (?:kill|hurt|harm|hit) me\b",
        0,
    ),
    r(
        DNG,
        0.9,
        r"\b(?:scared|afraid|terrified|frightened) (?:of (?:him|her|them|my (?:partner|boyfriend|girlfriend|husband|wife)|what (?:he|she|they)(?:'ll|'d| will| might| would| could)? do)|to go home|to leave|(?:he|she|they)(?:'ll|'d| will| might| would) (?:hurt|hit|kill) me)",
        0,
    ),
    r(
        DNG,
        0.85,
        r"\b(?:won't|doesn't|does not|will not|never) let(?:s)? me (?:see|leave|go (?:out|anywhere|home)|have (?:a phone|money|my own|friends)|talk to|use (?:my|the) phone|work|out of)\b",
        0,
    ),
    r(
        DNG,
        0.85,
        r"\btakes? (?:away )?my (?:phone|keys|money|passport|car keys|bank card|cards)\b|\bcontrols? (?:all )?(?:of )?my (?:money|phone|finances|life|every move)\b",
        0,
    ),
    r(
        DNG,
        0.85,
        r"\b(?:tracks|checks|monitors) (?:my location|where i am|my phone|all my)\b|\breads (?:all )?my (?:messages|texts|email)\b|\bhave to ask (?:him|her|them) (?:for (?:money|everything|permission)|permission)\b|\bthreatened me\b|\blocked me (?:in|out)\b",
        0,
    ),
    // ---- broader phrasings (added after a second round of tune sentences)
    r(
        AON,
        0.7,
        r"\b(?:no point (?:in )?(?:even )?trying|(?:it's|we're|this is|i'm|everything is) (?:completely |totally |just )?hopeless)\b",
        NEG,
    ),
    r(
        AON,
        0.7,
        r"\beither\b~{1,80}\bor\b~{0,60}\b(?:break up|might as well|finished|done|split up)\b",
        0,
    ),
    r(
        AON,
        0.75,
        r"\beverything (?:between us )?(?:is|was|'s) (?:broken|ruined|wrong|over|falling apart)\b",
        NEG,
    ),
    r(
        AON,
        0.7,
        r"\bso (?:it's|it is|we're|we are) (?:over|done|finished)\b",
        0,
    ),
    r(
        OVG,
        0.75,
        r"\b(?:men|women|guys|girls|partners|boyfriends|girlfriends) (?:always|all) (?:leave|lie|cheat|hurt|get bored|use|end up)\b",
        0,
    ),
    r(
        OVG,
        0.7,
        r"\bi'm always the one who\b|\bit's always the same\b|\b{PX} never changes?\b|\bnothing ever (?:works out|goes right|changes|works|gets better)\b",
        0,
    ),
    r(
        MF,
        0.7,
        r"\bi only (?:remember|see|notice|think about|focus on|hear) the (?:bad|negative|worst|mean|hurtful)\b|\ball i (?:notice|hear) (?:is|are)\b",
        0,
    ),
    r(
        DP,
        0.75,
        r"\bbut {P} (?:doesn't|don't|didn't) (?:really )?mean (?:it|that)\b|\b(?:just|only|was) luck\b|\bdoesn't change anything\b",
        0,
    ),
    r(
        MR,
        0.75,
        r"\b{PX} (?:doesn't|does not|don't|do not|no longer) (?:really |even )?(?:care about me|love me|want me around|want to be with me|find me attractive|want me|like me|miss me)(?: anymore| any more)?\b",
        NEG,
    ),
    r(
        MR,
        0.75,
        r"\bonly with me (?:out of|because of|for) (?:pity|guilt|habit|convenience|the money|the kids)\b|\b{P}(?:'s|'re| is| are) secretly\b",
        NEG,
    ),
    r(
        FT,
        0.75,
        r"\b(?:it's|it is|things are|this is|he's|she's|they're) (?:never going to|not ever going to|never gonna) (?:get better|change|work|improve|love me|stay)\b|\b(?:it|things|this)(?:'ll| will) never (?:get better|change|work|improve)\b",
        0,
    ),
    r(
        FT,
        0.75,
        r"\b{PX}(?:'s|'re| is| are) going to (?:say|tell me) (?:it's|we're|that it's) (?:over|done)\b|\bwe(?:'re| are) (?:going to|gonna) (?:break up|split up|fall apart|get divorced|divorce)\b|\bi(?:'m| am) going to (?:end up|be) alone\b",
        NEG,
    ),
    r(
        CAT,
        0.75,
        r"\bi(?:'m| am) going to die if\b|\bthis is the worst\b|\b(?:ruined|over|destroyed) forever\b|\bi can't breathe\b",
        NEG,
    ),
    r(
        ER,
        0.75,
        r"\bi feel\b~{0,50}, (?:he|she|they|something|it|everyone) (?:must|has to|have to)\b",
        0,
    ),
    r(
        ER,
        0.75,
        r"\bmy (?:feelings|gut|instincts?) (?:are never wrong|is never wrong|never lies?|don't lie|doesn't lie|are always right|is always right)\b",
        0,
    ),
    rv(
        LAB,
        0.75,
        r"\b(?:i'm|i am)(?: so| such| just| really| a| an| too){0,3} (?:annoying|boring|toxic|broken|damaged|weak|selfish|unbearable|a bad (?:person|partner|girlfriend|boyfriend)|an? (?:awful|horrible|terrible|bad|selfish) (?:person|partner|girlfriend|boyfriend|wife|husband))\b",
        NEG | REPORTED,
        r"^~{0,25}\b(?:boring (?:day|job)|broken (?:arm|leg|phone))",
    ),
    r(
        LAB,
        0.8,
        r"\bwhat an? (?:idiot|loser|fool|mess|failure|moron|joke) i am\b",
        0,
    ),
    r(
        PER,
        0.75,
        r"\bif (?:only )?i (?:hadn't|had not|had|didn't|wasn't|weren't)\b~{0,50}\b(?:would(?:n't)?|'d) (?:still|be|have|not|never)\b",
        0,
    ),
    r(
        CMP,
        0.75,
        r"\bwhy can't (?:he|she|they|you|we) be (?:more )?like\b|\beveryone else (?:seems|is|looks)\b~{0,30}\b(?:happy|happier|together|in love|settled)\b|\b(?:never|not) (?:be )?as (?:good|pretty|smart|fun|interesting|attractive|successful) as\b",
        0,
    ),
    r(
        CRI,
        0.8,
        r"\byou(?:'re| are) (?:such an?|a|an|so) (?:slob|nag|control freak|liar|cheat|jerk|mess|disappointment)\b|\byou only ever\b|\byou don't even (?:try|care|listen|notice|ask|help|bother)\b",
        0,
    ),
    r(
        CON,
        0.8,
        r"\byou\b~{0,40}\bfor once\b|\bpoor (?:you|baby|thing)\b|\bwho would (?:even |ever )?want (?:to be with )?you\b|\bno one would (?:ever )?want you\b",
        0,
    ),
    r(
        DEF,
        0.8,
        r"\bi (?:never said|didn't say|never did) that\b|\byou're overreacting\b|\bwhy are you (?:always )?blaming me\b|\bif you hadn't\b~{0,40}\bi (?:would(?:'ve| have)|wouldn't have)\b",
        0,
    ),
    r(
        STO,
        0.8,
        r"\bi can't deal with (?:you|this|it)\b|\bwe(?:'re| are) not (?:talking about|discussing|doing) (?:this|it|that)\b|\bdon't (?:text|call|message) me\b|\bi'm not doing this\b",
        0,
    ),
    r(
        HIN,
        0.75,
        r"\bi wonder what it's like to\b|\bi guess i'm not (?:important|good|worth) enough\b",
        0,
    ),
    r(
        EMR,
        0.8,
        r"\byou should just (?:know|understand|get it)\b|\bfigure it out (?:yourself|for yourself|on your own)\b",
        0,
    ),
    r(EMR, 0.75, r"\bfigure it out\b", ALONE),
    r(
        SELF,
        0.9,
        r"\b(?:don't|do not|can't) see (?:the|any) point (?:in|of) (?:living|life|going on|being alive|being here)\b|\btook too many pills\b|\bpills on purpose\b|\b(?:sleep|go to sleep) and (?:not|never) wake up\b",
        0,
    ),
    r(
        DNG,
        0.85,
        r"\bthrows? (?:things|stuff|\w+) at me\b|\bthrew (?:things|stuff|\w+) at me\b",
        0,
    ),
];

/// Expands the pattern shorthand into a `regex` pattern.
pub(crate) fn expand(p: &str) -> String {
    let p = p
        .replace(
            "{PX}",
            r"(?:he|she|they|my (?:partner|boyfriend|girlfriend|husband|wife|bf|gf|fianc[eé]e?))",
        )
        .replace("{P}", "(?:he|she|they)");
    let mut out = String::with_capacity(p.len() * 2 + 8);
    out.push_str("(?i)");
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('b') => out.push_str(r"(?-u:\b)"),
                Some('w') => out.push_str("[a-zA-Z0-9_]"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '\'' => out.push_str("['’]"),
            '~' => out.push_str(r"[^.!?\n]"),
            other => out.push(other),
        }
    }
    out
}
