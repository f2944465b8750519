// Reading the organization lexicon: entity files (lexicons/org/entities/*.tsv and user
// --lexicon files) and the ORG data files (lexicons/org/suffixes.tsv, words.tsv).
//
//   auto entries = org::parse_entity_file(source);   // Result<std::vector<org::Entry>>
//   if (!entries.ok()) report(entries.status());      // "file:12: column 'kind': unknown value 'compnay'"
//
// Shared by the recognizer and the lexicon lint test, so both read files the same way.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hanfacts/status.h"
#include "lexicon/sources.h"

namespace hanfacts::org {

// The kinds an organization may have (lexicons/README.md); also the ORG unit.
bool is_known_kind(std::string_view kind);

struct Name {
  std::string surface;  // as written in the file
  std::string key;      // folded (text::fold) with spaces removed: what the matcher compares
  bool context = false; // listed in the `context` column: needs supporting context
  // A place's bare name from org/place_governments.tsv (浙江, 경기도, 구마모토현): its
  // government only where it acts as one (also `context`: never a typo reading).
  bool place = false;
  // Listed in the `local` column: counts only in an article of its entry's region. The
  // bare names every region's government gives its own bodies (發展局, 旅遊局, 中央銀行)
  // name the Hong Kong, Macau or Taiwan body only in that region's news.
  bool local = false;
  bool has_space = false;
};

// Regions an entry may belong to (optional `region` column): a name may sit on several
// entries that differ by region (财政部: the PRC ministry and, region tw, Taiwan's); the
// recognizer picks by the article's region (core::Document::region()).
bool is_known_region(std::string_view region);

struct Entry {
  std::string id, name, kind, qid;
  std::string region;       // "" (none: the default), "cn", "tw" or "hk"
  std::string within;       // a district's city (PlaceGovernment::within), or ""
  std::vector<Name> names;  // every name of every script column, in column order
  std::string source;       // file it came from, and its line (for messages)
  int line = 0;
};

// Folds a lexicon surface the way the recognizer folds text, and drops spaces: the key
// under which the name is matched ("인공지능 산업발전 연맹" == "인공지능산업발전연맹").
std::string name_key(std::string_view surface);

// Entity file columns, in order.
inline constexpr std::string_view kEntityColumns[] = {"id", "name", "kind", "qid", "ko",
                                                      "zh_hans", "zh_hant", "en", "context"};

// Parses and validates one entity file. Errors name the file, line and column. A
// duplicate id inside one file is an error; across files the later entry wins (that is
// the caller's business).
Result<std::vector<Entry>> parse_entity_file(const lexicon::Source& source);

// The lint's name rule: a folded name belongs to one entry only, unless the entries that
// share it all differ in region (財政部 on the PRC ministry, no region, and on Taiwan's,
// region tw). Returns one message per offending name ("file:line: name '...' (folded
// '...') also names 'id' at file:line"), empty when the entries keep the rule.
std::vector<std::string> shared_name_conflicts(const std::vector<Entry>& entries);

// True for a source that holds organizations (as opposed to the ORG data files in
// lexicons/org/ itself): built-in files under org/entities/ and every user file.
bool is_entity_source(std::string_view source_name);

// lexicons/org/suffixes.tsv: name endings that mark an unknown organization.
struct Suffix {
  std::string key;   // folded
  std::string kind;  // unit of a pattern match
  int min_name = 4;  // fewest characters of a Chinese name part before it
  // A federation named after its members' trade (汽车经销商|联合会, 上市公司|协会): an
  // organization word inside its Chinese name part is part of the name, not the end of
  // a generic noun in apposition.
  bool named_by_members = false;
  // A place's division word (县): the pattern is that place's government, and a fact only
  // where it acts as one, as a listed place's bare name is (安福县|发行, not 在安福县).
  bool acts_only = false;
  // A unit a university or an academy names after itself (研究院, 研究所): the parent's
  // name right before it is part of the name (中国科学院|赣江创新研究院).
  bool named_with_parent = false;
  // A company's bare kind word (公司): the trades of a company's name may come before it
  // (鼎衡證券|投資顧問|公司).
  bool after_trades = false;
  template <class Io>
  void serial(Io& io) {  // org/serial.h
    io(key), io(kind), io(min_name), io(named_by_members), io(acts_only), io(named_with_parent), io(after_trades);
  }
};
Result<std::vector<Suffix>> parse_suffix_file(const lexicon::Source& source);

// lexicons/org/words.tsv: words with a role in ORG matching.
enum class WordRole {
  kParticle,   // may follow a Korean name inside the same word (딥시크와, 화웨이를)
  kKindWord,   // organization word that supports a context name next to it (公司, 그룹, 社)
  kTopic,      // tech/business word that supports a context name in the same sentence
  kStopHead,   // cannot be the name part of a pattern (이 연구원, 该公司, 본 연구소)
  kCommon,     // an ordinary word: never read as a misspelled name; a name inside one is none
  kStopWord,   // Chinese function word or verb: a pattern's name starts after it (…的|华东算力产业联盟)
  kStopTail,   // generic modifier that cannot end a Chinese pattern's name (科创板上市|公司, 外资|银行)
  kPlace,      // country or region (geo/places.tsv): alone before a suffix it makes a kind, not a name (美国公司)
  kSuffixWord, // ordinary word opening with a suffix: a name it runs on from is none (上海银行|间同业)
  kHomePlace,  // a home country (geo/places.tsv): a bare government name after it is still that body (한국 국방부)
  kProduct,    // names a product line after a model code: 小米17系列 is a phone, not Xiaomi
  kDivision,   // Chinese administrative division (省, 市, 县): a name ending with one is a place
  kLegalForm,  // Chinese legal form after a listed name, in its span (腾讯控股|有限公司)
  kByline,     // a reporter's title: a name before "person + title" is a newsroom desk (산업부 한지호 기자)
  kField,      // a trade or field (租赁, 制作): alone before a suffix it makes a kind, not a name (租赁公司)
  kShortFormLead,  // opens a short form in a name's parenthesis: (以下简称“绿源再生”), (이하 '한빛')
  kActs,       // after a place's bare name, says it acts as its government (浙江|再发, 合肥|发放, 경기도|가)
  kActAdverb,  // may come between that name and the word that says it acts (浙江|还将|联合)
  kActJoin,    // 와, 과 after that name: it acts unless another place follows (안성시와 이천시 주민)
  kRunBy,      // after a name, says an organization next runs it: the name is a service (토스 운영사 비바리퍼블리카)
  kActPrep,    // a Chinese preposition after that name: the word that says it acts may come later in the clause (吉林省将|在|元旦至春节期间|投放)
  kFacility,   // a facility's last word (港, 机场): a listed name ending with one after a locative is the place (从|天津港|发运)
  kLocative,   // a Chinese locative preposition (在, 从, 经): before a facility's name it names the place; Korean 에서 after an office building
  kActNoun,    // a Korean noun one space after that name: its people speak for it, it acts (부여군 관계자는)
  kActTitle,   // a Korean department head's title ending the word after that name (관악구 주거복지과장은)
  kCounty,     // a one-character Chinese county name (黟, 歙): before 县 it names a whole county (黟县|出台)
  kFacilityMeasure,  // a facility's traffic (吞吐量): a port or airport it follows in the clause is the place
  kRegionNoun, // a market or region noun (市场, 시장): an international body right before it is the region (欧盟市场)
  kBrandWord,  // "brand" (品牌, 브랜드): a name right before it is the brand, not the company (蜜雪冰城|品牌)
  kTimePhraseEnd,  // closes a fronted time phrase (从明年元旦起|，): a comma after it ends no clause
  kForeignDivision,  // Korean word for a foreign state or province (주, 성): 카르나타카주 정부 is its government
  kPossessive, // a possessive ending or particle (의, 的): a quoted name after it and its owner is the owner's service
  kConjunction,  // a Chinese "and" (与, 及): inside an institute's name after its parent it joins two fields (中国农业科学院|农业经济与发展研究所)
  kCouncil,    // a council or assembly (국회, 시의회): a standing committee named after it in the sentence is its own (시의회 산업건설위원회)
  kCouncilCommittee,  // a council's standing committee, named by its field (예산결산특별위원회, 교육위원회): part of the council named before it
  kPersonTitle,  // a job title that is also a listed name (이코노미스트): after "organization + person's name" it is the title
  kTown,       // a Chinese town's or village's word (镇): a listed name right before it names the town (茅台|镇)
  kHeadTitle,  // a Korean head's title glued to an association's name (장): the name is still the association (연합회|장)
  kJointVerb,  // a Chinese verb of acting together (联合, 会同): right after an organization word it cuts (财政局|联合|县农业农村局)
  kBuildingFront,  // "in front of" one space after a Korean name (앞에서, 앞 광장): the name is the building (국회 앞에서)
  kOwnGovernment,  // a place's own government (人民政府, 政府): a body named after it is that place's (贵州省人民政府|国资委)
  kListEtc,    // Korean "and others" closing a counted list after a place (김포시 |등| 13곳은)
  kPlaceCount, // the unit of a count of places after kListEtc (13|곳, 21|개 시군): the place acts as the list does
  kNational,   // "national" after a foreign country (老挝|国家|电力公司): the country stays in the name
  kAppWord,    // "app" one space before a Korean name: the name is the app (만화 앱|픽코마는)
  kStateEnd,   // closes a state's or prefecture's name (州): a Chinese name right before it ends inside that name
  kSubjectLead, // Chinese words right before a place that make it the subject of the clause after it (与|周至县|签约, 这是|中宁县|…出台)
  kTimePrep,   // Chinese "since" or "from" before a written date between a place and its act word (梨树县|自|2007年开始|推广)
  kOrdinal,    // opens an ordinal count between a place and its act word (连续|第|三年|安排)
  kCountUnit,  // the unit of an ordinal count between a place and its act word (连续|第三|年|安排)
  kAmountUnit, // a currency word closing an amount between a place and its act word (洛川县|2,000万元|补贴)
  kFoodName,   // a context name that is also a crop or a food (苹果, 小米 millet, 카카오 cacao)
  kFoodWord,   // farming and food words (果农, 红富士, 초콜릿): a document with them uses a food_name as the food
  kStopBeforeDivision,  // a one-character Chinese verb that cuts a pattern's name right before a bare division (经|市政府, 报|县政府)
  kActBeforeAmount,  // a one-character Chinese verb that has a place act right before an amount (无锡|设|2亿元, 松阳县|获|3,680万元)
  kProvinceDivision,  // a Chinese province-level division word (省, 自治区): a place under the province named after it in a government pattern's name is whose body it is (湖南省|安化县人民政府)
  kMeasure,    // ends a measure's name (率, 指数): capitals glossing an unknown word ending with one abbreviate the measure (資本適足率（RBC）)
  kOfficeBuilding,  // a Korean government office building's word ending a name (시청, 도청): before the locative 에서 the name is the building, a venue (충북도청에서 협약을 맺었다)
  kCurrencyName,  // a listed name that is also a currency's name (한화, the Korean won): before an amount, after a bracket or a conversion word, it is the currency
  kConversion, // between a currency's name and an amount, says the amount is in that currency (한화|로| 약 9조 원, 한화 |기준| 3천억 원)
  kCount,      // not a role: how many there are (role tables and Payload::roles are sized by it)
};
struct Word {
  std::string key;  // folded
  WordRole role;
};
Result<std::vector<Word>> parse_word_file(const lexicon::Source& source);

// lexicons/org/place_governments.tsv: the bare names of a province, city, prefecture or
// state (浙江|浙江省, 구마모토현) that stand for its government (the entry `government`)
// where the text has it act as one (浙江再发10亿元消费券), and name the place elsewhere.
// lexicons/org/shared_districts.tsv has the same columns and `within`, the id of the
// government of the city a district lies in: a district's bare name that several cities
// have (중구, 동구) sits on one row per city and stands for the district of the one city
// the article names.
struct PlaceGovernment {
  std::string government;   // an entry id
  std::string within;       // an entry id, or "": the government of the city it lies in
  std::vector<Name> names;  // context and place set
  std::string source;
  int line = 0;
};
Result<std::vector<PlaceGovernment>> parse_place_government_file(const lexicon::Source& source);

// lexicons/org/country_short_forms.tsv: the one-character forms news gives a country
// before its bodies' names (美 국무부, 日 금융청, 日央行).
struct CountryShortForm {
  std::string country;              // folded (text::fold), as it opens listed names: 미국, 美国
  std::vector<std::string> shorts;  // folded: 美, 미
  std::string source;
  int line = 0;
};
Result<std::vector<CountryShortForm>> parse_country_short_form_file(const lexicon::Source& source);

// The names a government or international body's listed names give with a country's
// short form in the country's place: 일본 금융청 -> 日 금융청 (a space after the country,
// kept, so the name reads with or without it), 日本央行 -> 日央行 (a Han character after
// it). A name of one code point after the country gives none. Empty for other
// kinds: a company's own name does not follow its country's short form.
std::vector<Name> short_form_names(const Entry& entry, std::span<const CountryShortForm> forms);

// lexicons/geo/places.tsv: countries and regions, as role kPlace words; a home country
// (한국, 中国) also as kHomePlace.
Result<std::vector<Word>> parse_place_file(const lexicon::Source& source);

}  // namespace hanfacts::org
