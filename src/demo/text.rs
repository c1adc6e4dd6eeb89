//! Text material of generated petitions: names, templates, opinions.

#[allow(unused_imports)]
use super::*;

// ---- text material ------------------------------------------------------------------------

pub(super) const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
    "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
    "叶", "阎", "单", "解", "仇", "欧阳", "查", "覃",
];
pub(super) const GIVEN: &[&str] = &[
    "建国", "秀英", "桂兰", "淑珍", "玉兰", "凤英", "志强", "海燕", "春梅", "国庆", "丽娟", "德明",
    "红梅", "永福", "金凤", "立新", "文华", "晓东", "秀兰", "振华", "玉珍", "宝山", "淑芬", "凤琴",
    "长海", "雪梅", "桂芝", "志刚", "爱华", "明", "静", "勇", "敏", "军", "磊", "洋", "艳", "杰",
    "娟", "涛", "超", "霞", "平", "刚", "丹", "鑫", "悦", "婷", "浩", "宇",
];

pub(super) struct Template {
    pub(super) category: &'static str,
    pub(super) summary: &'static str,
    pub(super) content: &'static str,
    pub(super) request: &'static str,
}

pub(super) const TEMPLATES: &[Template] = &[
    Template {
        category: "物业管理",
        summary: "小区物业费未经业主同意上涨",
        content: "我是{place}{b}号楼居民。物业公司自{m}月起将物业费由每平方米0.{p}元上调到1.{q}元，没有召开业主大会，也没有公示收费依据。多次到物业办公室询问，工作人员只说是公司决定。",
        request: "请求核查物业收费依据，未经业主大会同意的恢复原收费标准。",
    },
    Template {
        category: "物业管理",
        summary: "楼道堆放杂物物业不清理",
        content: "{place}{b}号楼{u}单元楼道长期堆放纸箱、旧家具，存在消防隐患。向物业反映三次，物业称是住户自己的东西不便处理，至今没有清理。",
        request: "请求督促物业清理楼道杂物，消除消防隐患。",
    },
    Template {
        category: "供暖供热",
        summary: "供暖期室温长期不达标",
        content: "{place}{b}号楼{u}单元{r}室，供暖开始后室温一直在{t}度左右，白天老人在家只能穿棉袄。已向供热公司报修两次，来人放过一次气，没有改善。",
        request: "请求供热单位上门检测，尽快使室温达到18度标准。",
    },
    Template {
        category: "供暖供热",
        summary: "暖气管道漏水无人维修",
        content: "{place}{b}号楼地下室暖气主管道漏水已{d}天，积水进入楼道，一楼住户墙面返潮。供热公司和物业互相推诿，说不清归谁维修。",
        request: "请求明确维修责任单位，立即维修漏水管道。",
    },
    Template {
        category: "房屋质量",
        summary: "新建回迁楼外墙渗水",
        content: "我家在{place}回迁小区{b}号楼，入住不到两年，外墙多处渗水，卧室墙皮脱落发霉。开发商维修过一次，下雨后依旧渗水。",
        request: "请求责成建设单位在保修期内彻底维修，并赔偿室内损失。",
    },
    Template {
        category: "征地拆迁",
        summary: "征收补偿款未按协议足额发放",
        content: "{place}棚户区改造征收，我家于去年签订补偿协议，约定补偿款分两次发放。第二笔{x}万元至今未发放，多次到征收办询问，答复是资金未到位。",
        request: "请求按协议尽快发放剩余补偿款。",
    },
    Template {
        category: "劳动保障",
        summary: "建筑工地拖欠农民工工资",
        content: "我们{n}人在{place}附近一处建筑工地做木工，自{m}月起工资一直拖欠，总计约{x}万元。包工头已联系不上，总包单位说钱已经拨给分包。",
        request: "请求人社部门介入，督促总包单位支付拖欠工资。",
    },
    Template {
        category: "劳动保障",
        summary: "企业未给职工缴纳社会保险",
        content: "我在{place}一家商贸公司工作{d}个月，公司一直没有给缴纳社会保险，签合同时说试用期后缴纳，试用期过了仍未办理。",
        request: "请求依法责令企业补缴社会保险。",
    },
    Template {
        category: "社会救助",
        summary: "申请低保审核时间过长",
        content: "我是{place}居民，丈夫去年病故，本人无固定收入，独自抚养孩子。{m}月份提交了低保申请材料，至今没有审核结果。",
        request: "请求加快审核，符合条件的尽快纳入低保。",
    },
    Template {
        category: "社会救助",
        summary: "残疾人两项补贴停发",
        content: "我儿子是二级肢体残疾，一直领取残疾人两项补贴。从{m}月起补贴停发，社区说是系统核对问题，让等通知，已经等了{d}天。",
        request: "请求查明原因，恢复发放并补发停发期间的补贴。",
    },
    Template {
        category: "医疗卫生",
        summary: "社区卫生服务站长期缺医少药",
        content: "{place}卫生服务站只有一名医生，常用降压药经常缺货，老年人只能坐车到市里医院开药，很不方便。",
        request: "请求增加医务人员，保障常用药品供应。",
    },
    Template {
        category: "教育",
        summary: "孩子入学被划到远距离学校",
        content: "我家住{place}{b}号楼，孩子今年上一年级，按学区应在附近小学就读，却被分到{x}公里外的学校，每天接送困难。",
        request: "请求核实学区划分，安排就近入学。",
    },
    Template {
        category: "市容环境",
        summary: "夜市烧烤油烟噪音扰民",
        content: "{place}路边夜市每晚营业到凌晨一两点，烧烤油烟直冲居民楼，喧哗声很大，老人孩子休息不好。",
        request: "请求规范夜市经营时间和位置，治理油烟噪音。",
    },
    Template {
        category: "市容环境",
        summary: "垃圾清运不及时",
        content: "{place}{b}号楼旁的垃圾点已经{d}天没有清运，垃圾堆满溢出，气味很大，招老鼠苍蝇。",
        request: "请求环卫部门及时清运，增加清运频次。",
    },
    Template {
        category: "道路交通",
        summary: "小区门前道路坑洼积水",
        content: "{place}小区门前道路路面破损，坑洼较多，下雨后积水没过脚踝，老人出行多次摔倒。",
        request: "请求对该路段进行维修，完善排水。",
    },
    Template {
        category: "道路交通",
        summary: "停车难乱停车堵塞消防通道",
        content: "{place}小区车位不足，大量车辆停在消防通道和楼门口，救护车曾经进不来。物业管不了，居民之间经常吵架。",
        request: "请求规划增设停车位，清理占用消防通道的车辆。",
    },
    Template {
        category: "邻里纠纷",
        summary: "楼上住户漏水拒不维修",
        content: "我住{place}{b}号楼{u}单元{r}室，楼上卫生间漏水导致我家天棚发霉脱落。多次找楼上协商，对方拒绝维修也不赔偿。",
        request: "请求协调楼上住户维修防水，赔偿损失。",
    },
    Template {
        category: "邻里纠纷",
        summary: "邻居占用公共楼道安装铁门",
        content: "{place}{b}号楼{u}单元一户居民在楼道私自安装铁门，占用公共面积，影响其他住户通行和搬运家具。",
        request: "请求拆除私自安装的铁门，恢复楼道原状。",
    },
    Template {
        category: "农村土地",
        summary: "承包地被他人占用",
        content: "我是{place}村民，家里{x}亩承包地被同组村民占用种植，对方称是原来口头换的地。我有土地承包经营权证。",
        request: "请求依法确认承包经营权，归还被占用土地。",
    },
    Template {
        category: "农村土地",
        summary: "宅基地确权面积与实际不符",
        content: "{place}宅基地确权登记时，我家面积比实际少了{x}平方米，已向村里反映，村里让找镇里，镇里让找自然资源部门。",
        request: "请求重新核实测量，更正确权面积。",
    },
    Template {
        category: "市场监管",
        summary: "超市销售过期食品",
        content: "{m}月{d}日在{place}附近一家超市购买的牛奶已过保质期，找超市退换，超市只同意退款不承认问题。",
        request: "请求市场监管部门查处，依法赔偿。",
    },
    Template {
        category: "生态环境",
        summary: "小作坊夜间排放刺鼻气体",
        content: "{place}附近一处加工小作坊夜间生产，排出刺鼻气体，周边居民晚上不敢开窗，怀疑没有环保手续。",
        request: "请求环保部门检查，依法处理。",
    },
    Template {
        category: "其他",
        summary: "希望增设公交线路站点",
        content: "{place}居民到区政务中心办事需要换乘两次公交车，老年人出行不便，希望调整线路或增设站点。",
        request: "请求研究增设公交站点。",
    },
];

pub(super) const OPINIONS: &[&str] = &[
    "建议转{dept}依法依规办理，按期答复群众。",
    "诉求属实，建议由{dept}牵头核查处理。",
    "建议转{dept}调查核实，限期解决并向群众反馈。",
];
pub(super) const INSTRUCTIONS: &[&str] = &[
    "请{dept}阅处，限期办结，结果报诉求中心。",
    "转{dept}办理，务必做好群众工作。",
    "请{dept}高度重视，认真核查，按时反馈。",
];
pub(super) const RESULTS: &[&str] = &[
    "已派人现场核查，问题已整改完毕，并向诉求人当面说明情况。",
    "经核实，已责成相关单位限期整改，目前已完成主要整改内容。",
    "已协调相关单位落实，诉求人对处理过程知情。",
    "经调查，诉求部分属实，已按政策解决可解决部分，其余已作解释。",
];

pub(super) fn fill(t: &str, rng: &mut impl Rng, place: &str, dept: &str) -> String {
    let mut s = t.replace("{place}", place).replace("{dept}", dept);
    for (k, lo, hi) in [
        ("{b}", 1, 40),
        ("{u}", 1, 6),
        ("{r}", 101, 1802),
        ("{m}", 1, 12),
        ("{d}", 3, 40),
        ("{x}", 2, 20),
        ("{y}", 21, 35),
        ("{t}", 12, 16),
        ("{n}", 5, 30),
        ("{p}", 5, 9),
        ("{q}", 1, 5),
    ] {
        while s.contains(k) {
            let v: i64 = rng.random_range(lo..=hi);
            s = s.replacen(k, &v.to_string(), 1);
        }
    }
    s
}

pub(super) fn pick<'a, T>(rng: &mut impl Rng, xs: &'a [T]) -> &'a T {
    &xs[rng.random_range(0..xs.len())]
}

pub(super) fn chance(rng: &mut impl Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}
