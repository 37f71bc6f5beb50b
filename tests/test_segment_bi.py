"""Layouts met on the blind pages of batches BI–BK, each on a small invented page: a page
hard-wrapped at its column's width whose columns were extracted out of order, one column
ending mid-paragraph right above another column's top, which starts mid-sentence at the
margin, so the two read as one block; run-in briefs with no bullet; questions and
answers under a column's label; a cut sentence going on at 即可."""

from __future__ import annotations

from site_builder.ingest import grammar as gr
from site_builder.ingest.lines import classify
from site_builder.ingest.segment import segment_page

S = "\u3000\u3000"


def test_a_column_ending_right_above_another_columns_top_is_read_apart() -> None:
    # Two reports, each cut mid-word at a column's foot (带头流|转荒山, 可以实|时传输).
    # The hospital report's cut stands right above the tea report's next column, at the
    # margin: read line by line, 可以实转荒山 is one block. The tea report's cut sentence,
    # under which a headline stands, goes on there, and the hospital report's line then
    # goes on under the tea report's last paragraph.
    lines = [
        "山村茶园迎来采摘季",
        S + "本报讯（记者　某甲）初冬时",
        "节，走进某乡上庄村，漫山遍野的",
        "茶树郁郁葱葱。茶农们正忙着给茶",
        "园除草、施肥，为来年春茶丰收打",
        "基础。",
        S + "上庄村地处山脚下，海拔高、",
        "云雾多，适宜种植茶叶。十多年前",
        "，村里的山地大多荒着，年轻人纷",
        "纷外出打工。2016年，在外经商",
        "多年的村民某乙回到家乡，带头流",
        "县医院开通胸痛救治通道",
        S + "本报讯（记者　某丙）11月3",
        "日，县医院胸痛中心揭牌运行。中",
        "心整合了急诊科、心血管内科、影",
        "像科等科室资源，开通24小时救治",
        "通道，最大限度缩短救治时间。",
        S + "据介绍，胸痛中心与县急救指挥",
        "中心和各乡镇卫生院建立了联动机",
        "制，急救车上的心电图都可以实",
        "转荒山200多亩种下茶苗，成立了",
        "茶叶专业合作社。如今，合作社茶",
        "园面积已扩大到1300亩，带动周边",
        "160多户农户种茶，户均年增收",
        "两万元以上。",
        S + "离开上庄村时，天色渐晚，茶园",
        "里的村民还在忙碌。山风吹过，茶",
        "树沙沙作响，仿佛在诉说着这个小",
        "山村的新变化。",
        "时传输到医院，医生提前研判病情",
        "，患者到院后可直接进入导管室。",
        S + "医院负责人介绍，今年以来，胸",
        "痛中心已成功救治急性心肌梗死患",
        "者46人。医院还将定期派出专家到",
        "各乡镇卫生院开展培训，提高基层",
        "医务人员的早期识别和处置能力。",
    ]
    seg = segment_page("\n".join(lines) + "\n", "wrapped.txt")
    texts = {a.title: "".join(b.text for b in a.blocks) for a in seg.articles}
    assert set(texts) == {"山村茶园迎来采摘季", "县医院开通胸痛救治通道"}
    assert "带头流转荒山200多亩" in texts["山村茶园迎来采摘季"]
    assert "都可以实时传输到医院" in texts["县医院开通胸痛救治通道"]
    assert "荒山" not in texts["县医院开通胸痛救治通道"]


def test_run_in_items_in_a_row_without_bullets_are_a_cluster() -> None:
    # A label, then items each printed title, a space, then the text on one line: no
    # bullet and no dateline says they are briefs, but several in a row do.
    lines = [
        "周末去处",
        "某县山歌节本周六开幕　第三届某县山歌节将于本周六在县文化广场开幕，持续两天。",
        "老街秋季市集开张　10月10日至12日，老街将举办文创市集，设摊位80余个。",
        "县博物馆推出陶瓷特展　即日起至年底，县博物馆推出陶瓷特展，展品120余件。",
        "某某新建一座廊桥",
        "　　本报讯　近日，某某乡新建的廊桥通行，方便两岸村民往来。",
    ]
    seg = segment_page("\n".join(lines) + "\n", "cluster.txt")
    briefs = seg.articles[:3]
    assert all(a.kind == "brief" for a in briefs)
    assert [a.title for a in briefs] == [
        "某县山歌节本周六开幕",
        "老街秋季市集开张",
        "县博物馆推出陶瓷特展",
    ]
    assert {a.column for a in briefs} == {"周末去处"}
    assert briefs[1].blocks[0].text.startswith("10月10日至12日")


def test_one_line_opening_with_a_phrase_and_a_space_is_a_paragraph() -> None:
    lines = [
        "某某新建一座廊桥",
        "　　本报讯　近日，某某乡新建的廊桥通行，方便两岸村民往来，两岸村民十分高兴。",
        "2026年度 某某乡共修建桥梁三座，总投资500余万元，惠及群众一万余人。",
    ]
    seg = segment_page("\n".join(lines) + "\n", "one.txt")
    assert len(seg.articles) == 1
    assert seg.articles[0].blocks[-1].text.startswith("2026年度")


def test_questions_and_answers_under_a_columns_label_are_an_interview() -> None:
    lines = [
        "健康问答",
        "孩子咳嗽老不好，要不要拍片",
        "开春以来，不少家长反映孩子咳嗽迟迟不好。本期请某医院儿科医生为读者解答。",
        "问：孩子咳嗽两周了，不发烧，需要去医院拍胸片吗？",
        "答：如果孩子不发热、精神好、呼吸不急促，一般不需要拍片。",
        "问：止咳药能不能给孩子吃？",
        "答：不建议家长自行给孩子服用止咳药。",
    ]
    seg = segment_page("\n".join(lines) + "\n", "qa.txt")
    assert len(seg.articles) == 1
    assert seg.articles[0].column == "健康问答"
    assert seg.articles[0].kind == "interview"


def test_then_can_opens_no_sentence() -> None:
    # (即可 / 便可 take the condition printed before them: 接种后约两周|即可产生抗体)
    assert gr.cannot_open("即可产生保护性抗体，目前接种仍不算晚。")
    assert gr.cannot_open("便可办结。")
    assert not gr.cannot_open("即日起，全区开放预约。")


def test_an_indented_line_holding_a_clauses_end_is_no_heading() -> None:
    # (short and unfinished, it might be a headline by shape; indented as a paragraph
    # opens and holding a comma, it is the first piece of a paragraph cut at a column end)
    cut = classify(29, "\u3000\u3000某市海关有关负责人表示，下一步将持续优化口岸营商", False)
    assert cut.kind == "para" and cut.fragment
    assert classify(30, "稳外贸，既要抢订单也要强内功", False).kind == "head"


def test_a_photo_supplied_by_an_institution_is_credited_not_authored() -> None:
    museum = classify(48, "某某研究院供图", True)
    assert museum.kind == "byline" and museum.photo_credit and museum.credit == ()
    assert classify(48, "受访者供图", True).credit == ()
    assert classify(48, "某甲供图", True).credit == ("某甲",)


def test_a_heading_under_an_editors_note_is_the_reports_first_subhead() -> None:
    lines = [
        "丘陵山区用上小型农机",
        "——来自某省部分县区的调查",
        "本报记者　某甲　某乙",
        "编者按：丘陵山区耕地占全省耕地的一半左右，农机化水平却长期偏低。本报记者近日走进几个县区。",
        "研发适用机型，补上短板",
        "在某县，一台不足两米长的微型旋耕机在坡地上来回作业，农户说这样的机器最管用。",
        "宜机化改造，让好机好用",
        "在某区，一片片小块田被改造成了大块平整的农田，大型农机也能开进来了。",
    ]
    seg = segment_page("\n\n".join(lines) + "\n", "note.txt")
    assert len(seg.articles) == 1
    article = seg.articles[0]
    assert article.title == "丘陵山区用上小型农机"
    assert [b.type for b in article.blocks] == ["p", "h", "p", "h", "p"]
    assert article.blocks[0].text.startswith("编者按：")


def test_a_kicker_over_the_next_title_stays_with_it_after_a_trailing_headline() -> None:
    # text, its closing credit, its headline printed after it; then the next article's
    # kicker (a town's name, which its text names) and title over a dateline.
    lines = [
        "　　本报讯　春分过后，某溪镇的民宿迎来预订热潮，全镇民宿春季预订量同比增长三成。",
        "　　据统计，去年某溪镇共接待游客42万人次，民宿成了山里人增收的好门路。",
        "（通讯员　某甲）",
        "某溪镇民宿春季预订量同比增三成",
        "某金镇",
        "“幸福食堂”开到家门口",
        "　　本报讯（记者　某乙）今年以来，某金镇新建村级幸福食堂8家，老人每餐只需付几元钱。",
        "　　某金镇相关负责人表示，今年底前幸福食堂将覆盖全镇所有行政村。",
    ]
    seg = segment_page("\n".join(lines) + "\n", "after.txt")
    heads = [(a.kicker, a.title) for a in seg.articles]
    assert heads == [
        (None, "某溪镇民宿春季预订量同比增三成"),
        ("某金镇", "“幸福食堂”开到家门口"),
    ]
