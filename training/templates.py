"""Project-authored training templates for the shipped default model (licence: the project's own, Apache-2.0).

Written by narcotrace developers, not copied from any data set. Slots are filled by tools/train_default.py:
{drug} a strong KB term of the template's language, {slang} a context-only KB term, {price} a price,
{qty} a quantity, {handle} an invented handle, {tg} an invented t.me link, {phone} an invented phone number,
{btc} a checksum-valid example address generated at build time, {site} an invented domain, {app} a messenger or a
social app (APPS).
The model learns weights over language-agnostic signals, so templates only need to cover the combinations
of signals that offers and non-offers show, in many languages and shapes (posts, listings, profiles,
comments, queries, menus).
"""

OFFER = {
    "en": [
        "{drug} for sale {price} each, {qty} bulk discount. Discreet shipping, tg @{handle}",
        "{slang} {slang} available now, {price} per {qty}. hmu on telegram @{handle}",
        "Selling {drug} {qty} {price}, ships worldwide, BTC only",
        "{drug} {qty} - {price}",
        "{qty} {drug} | {price} | free shipping USA",
        "Buy {drug} online no prescription needed, overnight delivery {site}",
        "fresh batch of {drug} just restocked 🔥 dm for menu",
        "{drug} powder 98% pure, wickr: {handle}, ships from NL, BTC only",
        "🔌 plug here: {drug}, {slang}, {drug}. Same day delivery. snap {handle}",
        "Top quality {drug} {price}/{qty}, stealth shipping, escrow accepted",
        "We sell {drug}, {drug} and more. Contact us on whatsapp {phone}",
        "menu: {drug} {price} | {drug} {price} | {slang} {price}. DM me",
        "{drug} pills {qty} for {price}. text {phone}",
        "vendor of {drug} since 2019, reship guaranteed, PGP in profile",
        "{drug} in stock. Order now at {site}. Pay with bitcoin {btc}",
        "got that {slang} 💊 {price} each, link in bio",
        "Wholesale {drug} supplier, samples available, tracking number provided. tg: {tg}",
        "{drug} {qty} {price} cashapp only, meet up or drop",
        "{slang} 🚀🚀 {price} for {qty}. serious buyers only, telegram {tg}",
        "Pressed {drug} {qty} {price}. Stealth. Reship policy. Wickr {handle}",
        "{drug} CAS available, high purity, safe delivery to Mexico, contact {handle} on wickr",
        "Pill press for sale, TDP tablet machine with dies, ships worldwide, whatsapp {phone}",
        "{drug} without prescription, cheap price {price}, visit {site}",
        "Hello, {drug} is available, {price} for {qty}, payment by USDT",
        "{drug} {qty}\n{drug} {qty}\n{drug} {qty}\nprices in dm",
        "[listing] {drug} {qty}",
        "[listing] {qty} {drug}",
        "[listing] {drug} {qty} 90% pure",
        "[listing] {qty} {drug} - free shipping",
        "[listing] Buy {drug} online",
        "[listing] {slang} {qty}",
        "[listing] {drug} {qty} x 10",
        "[listing] {drug} (best quality) {qty}",
        "[listing] {drug}",
        "{drug} {qty}",
        "{qty} {drug} {price}",
        "{slang} {qty} - {price}",
        "{drug} {qty} {slang}",
        "[listing] {slang} {drug} {qty} top shelf",
        "{qty} {drug} HQ, ships to EU",
        "{qty} {drug} 99% pure uncut",
        "{drug} {qty} - top quality - worldwide shipping",
        "{qty} {drug} pressed, best price",
        "{drug} crystal {qty} high purity",
        "{qty} {drug} (lab tested)",
        # Session 7: the same dark-market title shapes with slang that is no drug name, posted without a kind
        # (a channel menu line, titles in a CSV): "56g - Ghost OG HQ NDD".
        "{qty} {slang} AAA+",
        "{qty} - {slang} HQ",
        "{slang} {qty} top shelf",
        "{qty} {slang} (indoor)",
        "[profile] {drug} & {drug} | ships daily | tg {tg}",
        "[profile] plug 🔌 {slang} {slang} | menu in highlights | cashapp ${handle}",
    ],
    "es": [
        "Vendo {drug} {qty} a {price}, envíos discretos a todo el país. Telegram @{handle}",
        "{drug} de alta pureza disponible, precio {price}, escríbeme al whatsapp {phone}",
        "Tenemos {drug} y {drug}, entregas a domicilio, pedidos por telegram {tg}",
        "{drug} sin receta, envío discreto, pago en bitcoin",
    ],
    "pt": [
        "Vendo {drug} {qty} por {price}, entrega discreta, chama no whatsapp {phone}",
        "{drug} disponível, preço {price}, envio para todo brasil, telegram @{handle}",
    ],
    "fr": [
        "Vends {drug} {qty} {price}, livraison discrète, contactez-moi sur telegram @{handle}",
        "{drug} sans ordonnance, livraison rapide, prix {price}",
    ],
    "de": [
        "Verkaufe {drug} {qty} für {price}, diskreter Versand, Telegram @{handle}",
        "{drug} zu verkaufen, Preis {price}, weltweit Versand, kontakt wickr {handle}",
    ],
    "ru": [
        "Продам {drug} {qty} цена {price}, доставка по всей России, пишите в телеграм @{handle}",
        "{drug} в наличии, опт, оплата биткоин, контакт {tg}",
    ],
    "zh-Hans": [
        "出售{drug} {qty} {price} 当天发货 全国包邮 加微信 {handle}",
        "{drug} 现货 高纯度 一手货源 飞机 @{handle}",
        "#{drug} #{drug} 诚信经营 货到付款 联系 vx:{handle}",
        "{drug}批发 量大从优 顺丰到付 电报 {tg}",
        "上头{drug} 招代理 全国发货 可查单号 v:{handle}",
    ],
    "zh-Hant": [
        "出售{drug} {qty} {price} 當天發貨 全國包郵 加微信 {handle}",
        "{drug} 現貨 高純度 貨到付款 電報 @{handle}",
    ],
    "th": [
        "ขาย{drug} {qty} ราคา {price} จัดส่งฟรี แอดไลน์ {handle}",
        "{drug} พร้อมส่ง ราคาส่ง สนใจทักไลน์ {handle} ส่งทั่วประเทศ",
        "{drug} โล4500 ครึ่งโล2500 จัดส่งฟรี📦 แอดไลน์ {site}",
    ],
    "ko": [
        "{drug} 판매합니다 {price} 텔레그램 @{handle} 당일배송",
        "인증딜러 {drug} 재고 있음 텔레 {handle}",
    ],
    "ja": [
        "{drug} 販売中 {price} 即日発送 テレグラム @{handle}",
        "{drug} 在庫あり 匿名配送 連絡はテレグラムへ {handle}",
    ],
}

SOLICIT = {
    "en": [
        "anyone know where to get {drug} around here?",
        "who's selling {drug} in {city}? need it tonight",
        "looking for {drug}, any plugs? dm me",
        "where can i buy {drug} without a prescription?",
        "need a plug for {slang} asap",
        "wtb {drug} {qty}, paying cash",
        "tryna cop some {drug} this weekend, who got it",
    ],
    "es": ["¿dónde consigo {drug} en {city}?", "alguien vende {drug}? busco urgente"],
    "zh-Hans": ["哪里可以买到{drug}？求购", "谁有{drug}，想买一点"],
    "de": ["Wo bekomme ich {drug} in {city}? Wer verkauft?"],
    "ru": ["Где купить {drug} в {city}? Кто продает?"],
}

DISCUSSION = {
    "en": [
        "Police seized {qty} of {drug} in {city}, officials said on Tuesday",
        "{drug} overdose deaths rose again last year, according to a new CDC report",
        "DEA warns that counterfeit pills sold online often contain {drug}",
        "Free naloxone and fentanyl test strips at the library today, harm reduction saves lives",
        "Carry narcan. {drug} is in everything now. Know the signs of an overdose.",
        "3 years clean from {drug} today. Recovery is possible, reach out if you need help",
        "my doctor prescribed {drug} after surgery and the side effects are rough",
        "lol i was so high last night, never smoking {slang} with my cousin again",
        "The documentary about the {drug} epidemic was heartbreaking",
        "Researchers found {drug} in wastewater samples from {city}",
        "Man sentenced to 10 years for trafficking {drug}, prosecutors say",
        "{drug} addiction destroyed my family. Treatment helped my brother.",
        "Should {drug} be legalized? The senator's bill would change the law",
        "this song about {drug} hits different at 3am",
        "smoking a blunt and watching the game",
        "Is it safe to take {drug} with alcohol? asking for my mom's prescription",
        "Our pharmacy fills {drug} only with a valid prescription from your doctor",
        "Harm reduction tip: never use alone, test your {drug}, carry naloxone",
        "{drug} withdrawal is no joke, day 4 of detox",
        "The cartel moved {drug} through the port, authorities said",
        "Sheriff: {qty} of {drug} and {price} in cash found during the traffic stop",
        "Overdose awareness day: {drug} killed my best friend",
        "when the {slang} hits and you forget what you were saying 😂",
        "the price of {drug} on the street fell to {price}, a study of markets found",
        "{drug} is so overrated",
        "just found out my neighbor died from {drug}, rest easy",
        "{drug} {qty} seized at the border",
        "how long does {qty} of {drug} stay in your system?",
        "why is {drug} so expensive now",
        "#{drug} #recovery #sober",
        # Media and merchandise about drugs: books, films, clothes, posters (marketplaces list them every day)
        "[listing] {drug}: A History (paperback, used)",
        "[listing] {drug} - the true story, hardcover, first edition",
        "[listing] Funny {slang} t-shirt, all sizes",
        "[listing] Vintage {drug} movie poster 24x36 {price}",
        "[listing] {drug} sticker pack, {n} stickers {price}",
        "[listing] {drug} documentary DVD, region 2",
        "[listing] {slang} leaf enamel pin {price}",
        "New documentary on the {drug} trade is streaming now",
        "Just finished the novel about {drug} smugglers, what a book",
        "{drug} t-shirts and posters, free shipping on orders over {price}",
        "The {drug} episode of the podcast is out, link in bio",
    ],
    "es": [
        "La policía incautó {qty} de {drug} en {city}, informaron las autoridades",
        "Las muertes por sobredosis de {drug} aumentaron, según un informe",
        "anoche fumé demasiado jajaja no vuelvo a tomar {drug}",
        "La adicción al {drug} tiene tratamiento, pide ayuda",
    ],
    "pt": ["A polícia apreendeu {qty} de {drug} em {city}, segundo as autoridades"],
    "fr": ["La police a saisi {qty} de {drug} à {city}, selon les autorités"],
    "de": ["Die Polizei hat {qty} {drug} in {city} sichergestellt, laut Behörden"],
    "ru": ["Полиция изъяла {qty} {drug} в {city}, сообщили власти"],
    "zh-Hans": ["警方在{city}查获{drug}{qty}，抓获犯罪嫌疑人", "禁毒宣传：远离{drug}，珍爱生命", "戒毒康复中心帮助{drug}成瘾者"],
    "zh-Hant": ["警方查獲{drug}{qty}，逮捕三人"],
    "th": ["ตำรวจจับกุมผู้ต้องหาพร้อมของกลาง{drug} {qty}", "ข่าว: รัฐบาลออกกฎหมายควบคุม{drug}"],
    "ko": ["경찰, {drug} {qty} 압수하고 3명 검거", "{drug} 중독 치료 프로그램 안내"],
    "ja": ["警察は{drug}{qty}を押収し、容疑者を逮捕した", "{drug}依存症の治療について"],
}

NONE = {
    "en": [
        "What a game! {team} won 3-1 in extra time",
        "New phone for sale {price}, barely used, dm me or text {phone}",
        "Selling my bike {price}, pick up only, whatsapp {phone}",
        "Join our casino! Bonus {price} for new players, telegram {tg}",
        "Earn {price} a day from home, contact @{handle} on telegram",
        "Hot singles in your area, link in bio",
        "Fresh sourdough bread available at the market this saturday, {price} a loaf",
        "Crypto signals group, 100% accurate, join {tg}, pay with USDT",
        "Loans approved in 24 hours, no credit check, whatsapp {phone}",
        "Fake passports and ID cards, worldwide shipping, contact {handle}",
        "Followers for sale! 1000 followers {price}, fast delivery",
        "Happy birthday to my best friend, love you",
        "The weather is beautiful today, going for a hike",
        "Version 3.2.1 released: bug fixes and faster startup, see {site}",
        "Our bakery ships cookies worldwide 🍪📦 order at {site}",
        "Iced coffee season is here ☕ {price} at our cafe",
        "Snow day! Schools are closed tomorrow ❄️",
        "That concert was fire 🔥🔥🔥",
        "Vintage records for sale, {qty} in stock, message me",
        "iPhone 14 {price} shipping included, PayPal accepted",
        "Blue jeans sale: {price} each, 100 pcs in stock, wholesale welcome",
        "Looking for a roommate in {city}, dm me",
        "Anyone know a good plumber around here?",
        "Buy gold and silver coins, best price, discreet shipping, {site}",
        "Our team is hiring! Send your CV to jobs at {site}",
        "[listing] Pepper spray {qty} {price}",
        "[listing] Netflix account 1 year {price}",
        "[listing] Credit report tutorial 2020",
        "[listing] Fake ID template pack {price}",
        "[listing] Bank login guide (video) {price}",
        "[listing] Gift card {price} instant delivery",
        "⚡ flash sale! phone cases {price}, whatsapp {phone}",
        "💎 diamond rings on sale {price}, dm to order",
        "🍁 pure maple syrup {qty} {price}, ships from Canada",
        "🍄 mushroom risotto recipe in bio, so good",
        "❄️ winter jackets {price}, free shipping",
        "🚀🚀 to the moon! airdrop now live, follow and RT, join telegram {tg}",
        "🔥 hot deals on sneakers {price} dm me",
        "💊 vitamins delivered weekly, order at {site}",
        "🍪 cookies {price} a dozen, pickup today",
        "🎁 giveaway! free {price} worth of tokens, follow @{handle}",
        "💰 make money fast, {price} per day, contact @{handle}",
    ],
    "es": ["Vendo mi coche {price}, escríbeme al whatsapp {phone}", "¡Qué partido! Ganamos 2-0", "Casino en línea, bono de {price}, telegram {tg}"],
    "pt": ["Vendo celular {price}, chama no zap {phone}"],
    "fr": ["Vends vélo {price}, livraison possible"],
    "de": ["Verkaufe Fahrrad für {price}, Versand möglich"],
    "ru": ["Продам велосипед, цена {price}, пишите в телеграм @{handle}"],
    "zh-Hans": ["☎ 短信轰炸 呼死你 客服QQ 30674{handle} ⚡ 24小时在线", "代开发票 联系QQ 1234567 微信 {handle}",
                "网赌彩票 🚀 加微信 {handle} 稳赚", "出售二手手机 {price} 加微信 {handle}", "足球比赛太精彩了", "网上赌场 注册送{price} 联系飞机 @{handle}", "兼职日结 {price} 加v {handle}", "同城约会 私聊我"],
    "zh-Hant": ["出售二手手機 {price} 加微信 {handle}"],
    "th": ["ขายเสื้อผ้า ราคา {price} ส่งฟรี แอดไลน์ {handle}", "บาคาร่าออนไลน์ สมัครวันนี้รับโบนัส"],
    "ko": ["중고 노트북 판매합니다 {price} 연락주세요", "오늘 날씨 좋다"],
    "ja": ["中古カメラ販売中 {price} 即日発送", "今日はいい天気ですね"],
}

CITIES = ["Denver", "Madrid", "Lyon", "Berlin", "Chengdu", "Bangkok", "Seoul", "Osaka", "Toronto", "Manchester", "Recife"]
TEAMS = ["City", "the Lakers", "our team", "Boca", "the Eagles"]
# Where reports say sellers reached their buyers ({app}).
APPS = ["Snapchat", "Telegram", "Instagram", "WhatsApp", "Facebook", "TikTok", "Wickr"]

# --- Second round (session 2): shapes that real posts take and the first round missed. -----------------------
# {tags} is a chain of 2-5 hashtags made of KB drug terms, {tag} one such hashtag, {url} an invented short link,
# {noise} an unrelated phrase (spam accounts pad posts with random sentences to dodge filters), {n} a small number.
OFFER["en"] += [
    "{slang}\n {price}\n Minimum order {n}\n Telegram channel\n {url}",
    "{slang} {slang}\n {price} a {qty}\n {tags}\n Telegram channel\n {url}",
    "Authentic {slang} carts\n {price}\n Minimum order {n}\n Telegram channel\n {url}",
    "BACK IN STOCK\n {slang} - {price}\n {tags}\n {url}",
    "{noise} {tags} {url}",
    "{noise}\n\n {tags}\n\n {handle} {url}",
    "{tags} {tags} {url}",
    "options on deck 🔥🔥 {tags} {url}",
    "Shipping to {city}\n {tags}\n WhatsApp: {phone}\n Telegram channel\n {url}",
    "We are ready for business, start sending your orders now.\n {tags}\n Telegram channel\n {url}",
    "tap in, lmk how many you want 💯 {tags} telegram {tg}",
    "Snap: {handle} {phone} {tags}",
    "Contact me via Snap {handle} / Wickr {handle} {tags}",
    "{drug} available {url}",
    "{drug} {drug} {drug} {url}",
    "got {drug} and {slang}, hit my line {phone}",
    "{slang} in stock come by while supply lasts",
    "{drug}, {drug}, {slang} you can find everything from me {tags}",
    "new drop: {slang} {qty} {price} {url}",
    "[listing] {slang} {qty} AAA+",
    "[listing] {qty} {slang} top shelf indoor",
    "[listing] {qty} {slang} - free shipping",
    "[listing] {slang} {qty} HQ NDD",
    "[listing] {n}x {slang}",
    "[listing] {qty} of {slang} - {city} import",
    "[listing] {slang}",
    "[listing] {drug} {n} pcs",
    "[listing] {n}x {drug} {qty} - worldwide shipping",
    "[listing] PROMO {qty} {drug} [PURE/UNCUT]",
    "[listing] {drug} {qty} | {price}",
    "[profile] {slang} {slang} {slang} | shipping worldwide | {tg}",
]
OFFER["zh-Hans"] += [
    "{noise} {tags} {url}",
    "{tags} 联系飞机 @{handle}",
    "出{drug} 懂的来 {tags} {url}",
    "{drug}现货 同城闪送 {tags} 加v {handle}",
    "{drug} {drug} 全国快递 需要请加 {handle}",
    "认准官方账号 {tags} {url}",
    "{drug}🚬 特调 安全过验 闪送 {handle} {tags}",
    "有{drug}的来 私聊 {tags}",
]
OFFER["ko"] += [
    "{noise}\n\n {tags}\n\n {handle} {url}",
    "인증딜러 🍍🍍 {tags}\n 텔레는 {handle} 운영중",
    "{drug} 샘플 {price}\n 텔레:{handle}\n {drug}0.5:{price}\n {drug}1G:{price}",
    "{drug}파는곳 {drug}구매방법 텔레그램 {handle}",
    "✔️TEL: {handle}\n ❤️#{drug}\n ❤️#{drug}구입방법\n ✔️편하게 문의주세요",
    "전국 드랍 {drug} {drug} 텔레 {handle}",
    "안전한업체 {drug} 비밀배송 {tags}",
]
OFFER["ja"] += [
    "{noise} {tags} {url}",
    "{drug} 手渡し 郵送 DMへ {tags}",
    "{drug}あります 連絡ください {handle}",
]
OFFER["th"] += [
    "{tags} สั่งซื้อได้ที่ {url}",
    "เมนู👉 {url} {tags}",
    "{drug} พร้อมส่ง {price} {tags} แอดไลน์ {handle}",
    "ดอกเริ่มต้น {price} สั่งซื้อได้ที่ {url} {tags}",
]
OFFER["es"] += ["{tags} envíos a todo el país {url}", "tengo {drug} y {slang}, escribe al {phone}"]
OFFER["fr"] += ["Plan {drug} livraison à domicile, Snap: {handle}, Telegram @{handle} {tags}"]
OFFER["ru"] += ["{drug} закладки {city} {tg}", "{tags} {tg}"]

SOLICIT["en"] += ["any plugs in {city}? need {slang}", "who got {drug}? {tags}", "need {drug} asap, who delivers?"]
SOLICIT["ko"] = ["{drug} 구합니다 연락주세요", "{drug} 어디서 사요?"]
SOLICIT["ja"] = ["{drug} 買いたい どこで買える？"]

# Search queries (kind "query") are typed by people looking for something: they seek drugs or ask about them,
# and never offer any. The shipped model learns that a query is no offer (its score is P(offer)); the scanner
# labels a query that seeks a seller `solicit`.
SOLICIT["en"] += [
    "[query] buy {drug} online",
    "[query] {drug} for sale",
    "[query] {drug} for sale near me",
    "[query] where to buy {drug} in {city}",
    "[query] order {drug} online no prescription",
    "[query] cheap {drug} {qty}",
    "[query] {drug} {qty} price",
    "[query] {slang} plug {city}",
    "[query] {drug} delivery {city}",
    "[query] buy {drug} with bitcoin",
    "[query] {drug} telegram",
    "[query] {drug} {qty}",
]
SOLICIT["es"] += ["[query] comprar {drug} online", "[query] {drug} precio {city}"]
SOLICIT["de"] += ["[query] {drug} kaufen {city}"]
SOLICIT.setdefault("fr", []).append("[query] acheter {drug} en ligne")
SOLICIT["ru"] += ["[query] купить {drug} {city}"]
SOLICIT["zh-Hans"] += ["[query] {drug}哪里买", "[query] {drug} 购买"]
SOLICIT["ja"] += ["[query] {drug} 通販"]
SOLICIT["ko"] += ["[query] {drug} 구매"]
SOLICIT.setdefault("th", []).append("[query] ซื้อ{drug}")
DISCUSSION["en"] += [
    "[query] {drug} effects",
    "[query] {drug} overdose symptoms",
    "[query] how long does {drug} stay in your system",
    "[query] {drug} withdrawal",
    "[query] is {drug} legal in {city}",
    "[query] {drug} test strips",
    "[query] {drug} addiction treatment {city}",
    "[query] {drug} side effects",
]
NONE["en"] += ["[query] cheap flights to {city}", "[query] buy iphone online", "[query] pizza delivery near me",
               "[query] telegram download"]

DISCUSSION["en"] += [
    "so high rn {tag} #stoned",
    "{tag} life 😂 {url}",
    "smoking {slang} with the homies tonight",
    "my {drug} dealer just texted me happy birthday lmao",
    "{drug} is bad for you, stay away kids {url}",
    "Police seized {drug} and {drug} in {city} {url}",
    "New study on {drug} use among teens {url}",
    "{drug} overdoses are rising in {city}, get naloxone {url}",
    "I miss the days before {drug} took my brother {tags}",
    "Watching a documentary about {drug} {url}",
    "{tags} #recovery #sober #onedayatatime",
    "{tags} #legalize #policy {url}",
    "lyrics: {slang} in my cup, {drug} on my mind",
    "420 vibes {tag} {tag}",
    "{drug} and {drug} are both dangerous, says the doctor {url}",
    "Just got my prescription for {drug} filled at the pharmacy",
    "Can't believe they charge {price} for {drug} at the pharmacy, with my prescription",
    "Cannabis dispensary opening in {city} next week, licensed and regulated {url}",
    # Use talk, jokes and opinions carry a media link as often as news does: a link is no redirect to a seller.
    "{drug} got me through the worst year of my life {url}",
    "nah {drug} is overrated, {drug} is worse {url}",
    "me after one {drug} 😂😂 {url}",
    "never mixing {drug} and {drug} again lmao {url}",
    "we don't have tylenol in this house but somehow we have {drug}",
    "this meme about {drug} is too real {url}",
]
DISCUSSION["zh-Hans"] += ["远离{drug} {tags} 禁毒 {url}", "新闻：{city}警方破获{drug}案 {url}", "{drug}的危害有哪些？"]
DISCUSSION["ko"] += ["{drug} 투약 혐의 배우 체포 {url}", "{drug} 중독 뉴스 {url}"]
DISCUSSION["ja"] += ["{drug}所持で逮捕 {url}", "{drug}の危険性について ニュース {url}"]
DISCUSSION["th"] += ["ข่าว ตำรวจยึด{drug} {url}"]

NONE["en"] += [
    "{noise} #casino #slots #bonus {url}",
    "{noise} #nsfw #onlyfans #hot {url}",
    "Vape juice {price}, mango and mint flavours, 18+ only {url}",
    "Disposable vapes {price}, minimum order {n}, telegram channel {url}",
    "CBD gummies {price}, lab tested, shipping to {city}",
    "New sneakers drop {price}, minimum order {n}, telegram channel {url}",
    "Followers, likes and views, cheap prices, telegram {tg}",
    "Fake reviews for your shop, {price} per {n}, contact {handle}",
    "Loans and credit repair, whatsapp {phone} {url}",
    "#crypto #bitcoin #airdrop join now {url}",
]
NONE["zh-Hans"] += [
    "{noise} #约炮 #同城 {url}", "{noise} #网赌 #彩票 {url}", "电子烟 一次性 烟油 全品牌 批发 加微信 {handle}",
    "刷粉丝 刷赞 {price} 联系飞机 @{handle}", "代办信用卡 贷款 加v {handle}",
]
NONE["ko"] += ["{noise} #토토 #카지노 {url}", "전자담배 액상 판매 {price} 텔레 {handle}"]
NONE["ja"] += ["{noise} #出会い #副業 {url}"]
NONE["th"] += ["#บุหรี่ไฟฟ้า พร้อมส่ง {price} สั่งด่วน {url}", "{noise} #บาคาร่า #สล็อต {url}"]

NOISE = [
    "The sky is big and the earth is big.", "He who is contented is rich.", "Lorem ipsum dolor sit amet",
    "said Hobson with a smile", "Well done is better than well said.", "Phasellus a eros ullamcorper",
    "his face and poured another drink", "Smile decade worry son director.", "ask me 1221", "zri1o",
]

# Hard negatives: street slang is mostly ordinary words ("ice", "snow", "blues", "gas"), and ordinary shops,
# events and spam use them with prices, contacts and links every day. ({everyday} is such a word; {slang} has been
# slang that is no ordinary word since session 3, and "runtz $20 each, minimum order 10, telegram channel" is a
# dealer's line.)
NONE["en"] += [
    "{slang} t-shirts {price}, free shipping, dm to order",
    "{slang} tickets for tonight {price}, whatsapp {phone}",
    "{everyday} {price} each, minimum order {n}, telegram channel {url}",
    "Brand new {slang} edition sneakers {price}, {qty} left, link in bio {url}",
    "{slang} candles {price} a set, order at {site}",
    "the {slang} concert was amazing {url}",
    "{slang} season is here! {price} off everything {url}",
    "{noise} #{slang} #{slang} {url}",
    "Our new {slang} flavour is out, {price}, delivery in {city}, call {phone}",
    "{slang} paint {qty}, {price}, message me on telegram {tg}",
    "#{slang} #{slang} #photography #sunset {url}",
    "{slang} and {slang} stickers, {price}, cashapp ${handle}",
]

# Shop and marketplace posts whose product names happen to be street slang in some list (apparel, NFTs, vapes).
NONE["en"] += [
    "{slang} Hoodie, T-shirt, Long Sleeve 😍\n \n💰 Only {price}\n \n🌐 Buy Now: {url}\n\n #fashion #style #gift",
    "{noise} {slang} #{n}/10000 SOLD!!! Price {price} 💎 floor {price} {url}",
    "New arrival: {slang} shoes, sizes 38-45, {price}, free shipping, order {url}",
    "🚨 #NewInventory {slang} collection in store now, call {phone}",
    "{slang} mint edition, {price}, link {url}",
    "{slang} phone case {price}, buy now {url} #deals",
]

# Ordinary promotions that name a slang-list word and a contact, in the languages whose spam uses Latin words.
NONE["en"] += [
    "⚡ {slang} sale, contact QQ {n}0{n}88{n}",
    "{slang} service 24/7, contact us on telegram {tg}",
    "{slang} club members: contact @{handle} for the schedule",
    "{slang} deal of the day, whatsapp {phone}",
]
NONE["zh-Hans"] += ["{slang} 限时优惠 联系QQ {n}0{n}88{n}", "{slang} 客服微信 {handle} 24小时在线", "⚡ 呼死你 短信轰炸 客服QQ {n}77{n}"]

# Sellers pitch with rhetorical questions ("Need X? We got you"): a question mark is not only a buyer's.
OFFER["en"] += [
    "Looking for quality {drug}? We got you 🔌 telegram {tg}",
    "Need {drug}? DM us, fast and discreet delivery",
    "Why pay more? {drug} {price}, {tags} {url}",
    "Want the best {slang} in {city}? hit me on snap {handle}",
]
OFFER["zh-Hans"] += ["想体验{drug}吗？点我直达 {url} {tags}", "需要{drug}吗？私聊 {handle}"]
OFFER["ko"] += ["{drug} 필요하세요? 텔레 {handle} {tags}", "{drug} 구매방법? 텔레그램 {handle}"]
OFFER["ja"] += ["{drug}欲しい人いる？DMへ {tags}"]

# --- Third round (session 4): what a hashtag says, and talk that names drugs with a link and no sale. -------
# {dense} is a spam tag list: 3-8 drug hashtags (some joined to a place: #cannabisBangkok) and place tags.
# {soup} is a long list of other topics (dating, gambling, data services, lifestyle) with one or two drug
# tags.
# {tag} is one drug hashtag, {place} a city of the template's language. Every slot is filled afresh.
PLACES = {
    "en": ["NYC", "LA", "London", "Toronto", "Miami", "Sydney", "Berlin", "Dubai", "Chicago", "Houston"],
    "zh-Hans": ["北京", "上海", "广州", "深圳", "成都", "重庆", "长沙", "南京", "杭州", "武汉", "昆明", "台北", "香港"],
    "ja": ["東京", "大阪", "渋谷", "新宿", "名古屋", "福岡", "横浜", "札幌"],
    "ko": ["서울", "부산", "인천", "대구", "강남", "홍대", "수원", "광주"],
    "th": ["กรุงเทพ", "เชียงใหม่", "ภูเก็ต", "พัทยา", "ขอนแก่น", "โคราช", "อุดร", "หาดใหญ่"],
    "es": ["CDMX", "Madrid", "Bogota", "Lima", "Barcelona", "Medellin"],
}

# Topic words for long tag lists, written for these templates: what spam and lifestyle accounts tag besides
# drugs.
TOPICS = {
    "en": ["love", "photography", "travel", "fitness", "gym", "model", "sexy", "nsfw", "dating", "casino",
           "slots", "betting", "crypto", "nft", "music", "art", "foodie", "instagood", "fashion", "style",
           "party", "weekend", "summer", "vibes", "news", "hacker", "darkweb", "leaks", "giveaway",
           "followback", "selfie", "beauty"],
    "zh-Hans": ["约炮", "同城", "交友", "兼职", "赚钱", "网赌", "彩票", "美女", "福利", "外围", "黑客", "查档", "信用卡",
                "贷款", "旅游", "美食", "自拍", "网红", "直播", "游戏", "健身", "暗网", "社工库", "个人信息", "跑分"],
    "ja": ["出会い", "副業", "拡散希望", "相互フォロー", "芸能", "ニュース", "旅行", "グルメ", "写真", "カフェ", "美容",
           "ダイエット", "競馬", "パチンコ", "仮想通貨", "ライブ配信", "切り抜き", "炎上"],
    "ko": ["일상", "맛집", "여행", "데일리", "카지노", "토토", "셀카", "패션", "운동", "다이어트", "연예인", "뉴스", "게임"],
    "th": ["ท่องเที่ยว", "อาหาร", "แฟชั่น", "บาคาร่า", "สล็อต", "รีวิว", "ของกิน", "คาเฟ่", "ข่าว", "ดารา"],
    "es": ["amor", "viajes", "fitness", "moda", "musica", "noticias", "futbol", "casino", "apuestas",
           "fotografia"],
}

# {mixed} is such a list among 3-10 tags of other topics (spam tags what people search for: #party #dating).
# Spam that lists drugs with places and grades, in the shapes such accounts post.
OFFER["en"] += ["{dense} {url}", "{noise} {dense} {url}", "{dense}", "{qty} {drug} A+++",
                "{drug} {qty} AAA 🔥", "{qty} of {drug} top quality {url}"]
OFFER["zh-Hans"] += ["{dense} {url}", "{noise} {dense} {url}", "{dense}", "{drug}{place} {dense} {url}"]
OFFER["ja"] += ["{dense} {url}", "{noise} {dense}"]
OFFER["ko"] += ["{noise} {dense} {handle} {url}", "{dense} {url}"]
OFFER["th"] += ["{dense} {url}", "{drug} {qty} {price} {dense}"]
OFFER["es"] += ["{dense} {url}"]
OFFER["en"] += ["{noise} {mixed} {url}", "{mixed}"]
OFFER["zh-Hans"] += ["{noise} {mixed} {url}", "{mixed} {url}", "一口上头 {mixed}"]
OFFER["ja"] += ["{noise} {mixed} {url}"]

# One drug hashtag under a story, a video or a song: the topic, not an offer.
DISCUSSION["en"] += [
    "{noise} {tag} #celebrity #scandal {url}",
    "New video is up! {tag} #vlog {url}",
    "{noise} {tag} #music #newsong {url}",
    "Is the rumour true? {tag} #gossip {url}",
    "{tag} {url}",
    "Breaking: actor charged after {drug} found in his car {tag} {url}",
]
DISCUSSION["ja"] += [
    "YouTube更新しました。{tag} #切り抜き {url}",
    "芸能人の{drug}疑惑 {tag} #芸能ニュース {url}",
    "{tag} #炎上 {url}",
    "動画を公開しました {tag} {url}",
]
DISCUSSION["zh-Hans"] += ["某明星{drug}丑闻 {tag} #娱乐圈 {url}", "{noise} {tag} #吃瓜 {url}", "视频更新了 {tag} {url}"]
DISCUSSION["ko"] += ["배우 {drug} 의혹 {tag} #연예인 {url}", "{tag} #뉴스 {url}"]
DISCUSSION["th"] += ["ข่าวดารา {tag} {url}"]
DISCUSSION["es"] += ["El actor fue detenido con {drug} {tag} #noticias {url}", "{tag} {url}"]

# Opinion and policy talk that names several drugs, with or without a link, in the languages it is written in.
DISCUSSION["en"] += [
    "{drug} and {drug} should be legal, prohibition never worked {tag} {tag}",
    "{city} voters decided to decriminalize {drug} and {drug} {url}",
    "{drug} smoke contains more tar than tobacco, studies say {url}",
    "{drug} stocks fell 5% after the earnings report {tags} {url}",
]
DISCUSSION["ja"] += [
    "{drug}と{drug}を合法にするべきだと思う。{tag} {tag}",
    "{city}で{drug}の非犯罪化が決まりました {url}",
    "{drug}の煙にはタバコより多くの有害物質が含まれているとされています。 {url}",
    "個人的な意見だけど、{drug}や{drug}のニュースは子供に見せたくない",
    "{drug}の依存性は{drug}より強いらしい {tags}",
]
DISCUSSION["zh-Hans"] += ["{drug}和{drug}应该合法化吗？大家怎么看 {tags}", "{city}宣布{drug}非刑事化 {url}"]
DISCUSSION["es"] += ["La {drug} y la {drug} deberían ser legales, la prohibición fracasó {tags}"]

# Long tag lists of other topics with a drug tag in them: dating, gambling, data services, lifestyle.
NONE["en"] += ["{noise} {soup} {url}", "{soup} {url}", "Link in bio {soup}"]
NONE["zh-Hans"] += ["{noise} {soup} {url}", "查档 查信息 联系我 {soup} {url}", "{soup} {url}"]
NONE["ja"] += ["{noise} {soup} {url}", "{soup}"]
NONE["ko"] += ["{noise} {soup} {url}"]
NONE["th"] += ["{noise} {soup} {url}"]
NONE["es"] += ["{noise} {soup} {url}"]

# Sellers also hang their offer on trending tags of other topics: a sale word or a contact next to a tag list
# keeps it an offer, however long the list.
OFFER["en"] += ["{drug} for sale, dm me {soup} {url}", "selling {tag} hmu on telegram {handle} {soup}"]
OFFER["zh-Hans"] += ["出{drug} 懂的来 {soup} {url}", "{tag} 诚信出货 加微信 {handle} {soup}", "{drug}现货 全国包邮 {soup}"]
OFFER["ja"] += ["{drug} 販売中 DMへ {soup}"]
OFFER["ko"] += ["{drug} 판매 텔레 {handle} {soup}"]
OFFER["th"] += ["ขาย{drug} แอดไลน์ {handle} {soup}"]

# Sellers write the buyer's words too, for search ("where to buy X", "X 삽니다 팝니다" = buying, selling): next to
# their own handle and sale words the buyer's phrase is an offer's keyword, not a request.
OFFER["en"] += ["where to buy {drug}? contact {handle} on telegram, fast delivery {tags}",
                "#buy{drug} #{drug}forsale #{drug}online wickr {handle}"]
OFFER["ko"] += ["{drug} 삽니다 팝니다 텔레 {handle}", "{drug}구매 {drug}판매 정품 텔레그램 {handle}"]
OFFER["zh-Hans"] += ["哪里可以买{drug}？找我 加微信 {handle} 全国发货"]
OFFER["ja"] += ["{drug}買いたい人 連絡ください テレグラム {handle}"]

# Quantities in talk, jokes and news without a news word: "how many kilos of X", "they found 20 kg of X".
DISCUSSION["en"] += ["imagine having {qty} of {drug} lol", "they found {qty} of {drug} in his car?!",
                     "how many kilos of {drug} did this guy snort", "{qty} of {drug} and {price} in cash, wow"]
DISCUSSION["es"] += ["¿Cuántos kilos de {drug} se metió este?", "Encontraron {qty} de {drug} en el aeropuerto",
                     "me hacen falta unos kilos de {drug} jaja", "{qty} de {drug} valorados en {price}"]
DISCUSSION["pt"] += ["quantos quilos de {drug} esse cara cheirou?"]

# Session 8: the product named only in one hashtag, after several sale cues (quantities, delivery, payment on
# delivery, a contact or a link): sellers tag what they sell. One drug tag under a story with no sale cue stays talk
# (DISCUSSION above); with the sale cues it is an offer.
OFFER["en"] += ["New stock {qty} / {qty}, ships next day, cash on delivery {tag} {url}",
                "{qty} {price}, {qty} {price}. Free delivery, order here {url} {tag}"]
OFFER["zh-Hans"] += ["现货 {qty}/{qty} 顺丰包邮 货到付款 {tag} {url}", "{qty} {price} 同城闪送 外地邮寄 {tag}"]
OFFER["zh-Hant"] += ["現貨 {qty}/{qty} 全國包郵 貨到付款 {tag} {url}"]
OFFER["ja"] += ["{qty} {price} 即日発送 代引き可 {tag} {url}"]
OFFER["ko"] += ["{qty} {price} 당일배송 {tag} 텔레 {handle}"]
OFFER["th"] += ["{qty} {price} ส่งฟรี เก็บเงินปลายทาง {tag} แอดไลน์ {handle}"]

# Session 8: harm-reduction products sold or given with sale words (test strips, reagent kits, naloxone): a shop
# or a service names the drug it tests for or reverses; it does not sell the drug (the signals read a drug named
# as what a test detects as no drug offered). Sellers also name tests to reassure buyers: those stay offers.
NONE["en"] += ["{drug} test strips for sale, {price} for {qty}, free shipping, DM us",
               "Reagent test kits for {drug} and {drug}, ships worldwide, order at {site}",
               "Free naloxone kits, we deliver in {city}, text {phone}",
               "[listing] {drug} test strips 10 pack {price}"]
NONE["es"] += ["Tiras reactivas de {drug} a la venta, envío gratis, escríbenos"]
NONE["de"] += ["Drug Checking Kits für {drug} und {drug}, Versand weltweit, {site}"]
NONE["fr"] += ["Bandelettes de test {drug} en vente, livraison gratuite, {site}"]
OFFER["en"] += ["{drug} {qty} {price}, reagent tested, wickr {handle}",
                "Free test strip with every order of {drug}, tg {tg}",
                "{slang} {slang} lab tested, test strips included, snap {handle}"]

# Session 10: drug talk that holds one commerce word in its everyday sense ("we have a problem", "prices are crazy")
# or a potency emoji as decoration: with a drug's name and no statement of sale, the general model read these as
# offers (0.74-0.79). The commerce words are the `promo` cues (see signals.SALE_CUES).
DISCUSSION["en"] += ["we have a {drug} problem in this town and nobody talks about it",
                     "{drug} prices are crazy these days",
                     "the purity of {drug} on the street keeps rising, a new report says",
                     "this {drug} song 🚀🚀 what a track",
                     "{drug} 💥🔥 best episode of the season",
                     "legalize {drug} already, we have the right to choose"]
DISCUSSION["es"] += ["tenemos un problema con la {drug} en este barrio",
                     "el precio de la {drug} subió muchísimo, qué locura",
                     "yo no fumo {drug}, pero respeto a quien lo hace",
                     "jajaja la {drug} 🚀🚀",
                     "legalicen la {drug} ya, tenemos derecho a decidir"]
DISCUSSION["pt"] += ["temos um problema com {drug} no bairro", "o preço da {drug} subiu demais, que loucura"]
DISCUSSION["fr"] += ["on a un problème de {drug} dans ce quartier", "le prix de la {drug} a explosé, c'est fou"]
DISCUSSION["de"] += ["wir haben ein {drug}-Problem in dieser Stadt", "die Preise für {drug} sind verrückt geworden"]
# A title-length line that weighs the product and praises it with commerce words is a catalogue line, with or
# without a kind: commerce words with a quantity stay offers.
OFFER["en"] += ["{qty} Top Quality {slang} NDD", "{qty} - High Quality {slang} free shipping",
                "{slang} {qty} best quality, best price", "Premium {slang} {qty} wholesale prices"]
OFFER["es"] += ["{slang} {qty} alta calidad, mejor precio", "{qty} de {slang} calidad premium, envíos"]

# News of arrests that describe how the drug was sold and delivered: the sale and delivery words are the reporter's
# ("Police arrest gang selling meth via dead drops with discreet delivery" sat at 0.50; a Korean headline on the
# 던지기 dead-drop method was an offer at 0.64).
DISCUSSION["en"] += ["Police arrested a gang selling {drug} through dead drops, officials said"]
DISCUSSION["ko"] += ["경찰, 던지기 수법으로 {drug} 판매한 일당 검거"]
DISCUSSION["es"] += ["Detienen a una banda que vendía {drug} con envíos a domicilio, informó la policía"]
DISCUSSION["ru"] += ["Полиция задержала продавца {drug}, который делал закладки по городу"]
DISCUSSION["zh-Hans"] += ["警方抓获通过快递贩卖{drug}的犯罪团伙"]
DISCUSSION["ja"] += ["{drug}を手押しで密売した男を逮捕"]
# Private messages: a seller's hand-over reads alone, without the thread ("got 30s and bars today, same spot"); a
# buyer's question too. The arrest-news templates above must not teach that a meeting place is talk.
OFFER["en"] += ["[message] got {drug} today, same spot", "[message] i have {drug} and {slang}, meet at the usual spot",
                "[message] yeah got {drug}, {price} each, pull up"]
SOLICIT["en"] += ["[message] u still got {drug}? how much for {n}", "[message] can i grab some {drug} tonight?"]

# Session 14: long texts (web pages, articles, long posts, vendor profiles). A report tells how a seller sold, in the
# seller's words (messengers, prices, payment, delivery), among many words of lawful speech; a warning from a family
# or a school describes dealers' methods; a vendor's profile or a shop's page piles up sale words. With one `news`
# feature however many reporting words they wrote, reports of several sentences were offers at 0.54-0.99.
DISCUSSION["en"] += [
    ("Detectives arrested two suspects in {city} after a six-month investigation. Prosecutors say the pair sold {drug}"
    " and {drug} through {app}, charged {price} a pill and took payment by Cash App. Officers seized {qty} of {drug}"
    " and a pill press. Both were charged with trafficking and are held without bail."),
    ("The defendant admitted in federal court that he ran an online shop selling {drug} to buyers in 30 states. He"
    " shipped orders in vacuum-sealed packages and accepted bitcoin, prosecutors said. He was sentenced to 12 years in"
    " prison."),
    ("A warning to every parent: dealers now advertise {drug} on {app} with emoji and deliver to the door in under an"
    " hour. The pills look real but many contain fentanyl. Talk to your kids tonight, and keep naloxone at home."),
    ("Our son was 17 when he died. He ordered what he believed was {drug} from a dealer on {app} for {price}. It was"
    " fentanyl. We share his story so that other families know how easy it is to buy pills online."),
    ("A new study of {n},000 dark web listings found that {drug} sold for about {price} per gram, while vendors offered"
    " worldwide shipping and took bitcoin. The researchers say prices stayed stable and purity rose, according to the"
    " report published this week."),
    ("Health officials in {city} warned of a surge in overdoses linked to counterfeit {drug} bought on social media."
    " The health department urged residents to carry naloxone, never use alone and use fentanyl test strips, which are"
    " free at local pharmacies."),
    ("{drug} is a controlled substance. Doctors prescribe it for pain, but misuse can lead to addiction and overdose."
    " Sellers online offer it without a prescription; the FDA warns that such pills are often fake. Talk to your"
    " doctor or pharmacist about safe use and disposal."),
    ("How do dealers sell {drug} online? Researchers looked at thousands of posts: sellers use code words like"
    " {slang}, post menus with prices, and move buyers to {app}. Platforms remove the accounts, but new ones appear"
    " within days, the study found."),
    ("Customs officers at the airport seized {qty} of {drug} hidden in a suitcase. The passenger, arriving from"
    " {city}, was arrested and charged with importation. Police said the drugs were worth {price} on the street."),
    ("I spent five years addicted to {drug}. I bought it from dealers on {app}, paid with Cash App and spent {price} a"
    " week. Today I am 400 days clean. Recovery is possible: if you are struggling, call the helpline or message me."),
]
DISCUSSION["es"] += [
    ("La Policía Nacional detuvo a cinco personas en {city} acusadas de vender {drug} a través de {app}. Los agentes"
    " incautaron {qty} de {drug} y {price} en efectivo. Según la investigación, los detenidos cobraban por Bizum y"
    " entregaban a domicilio."),
    ("Un estudio de la universidad analizó miles de anuncios en la web oscura: el gramo de {drug} costaba unos {price}"
    " y los vendedores enviaban a todo el mundo, según el informe publicado esta semana."),
]
DISCUSSION["fr"] += [
    ("Les gendarmes ont interpellé trois hommes soupçonnés de vendre de la {drug} sur {app} à {city}. Lors de la"
    " perquisition, les enquêteurs ont saisi {qty} de {drug} et {price} en espèces, selon le parquet."),
]
DISCUSSION["de"] += [
    ("Die Polizei hat in {city} drei Männer festgenommen, die {drug} über {app} verkauft haben sollen. Die Ermittler"
    " stellten {qty} {drug} und {price} Bargeld sicher, teilte die Staatsanwaltschaft mit."),
]
DISCUSSION["pt"] += [
    ("A Polícia Civil prendeu quatro suspeitos em {city} que vendiam {drug} pelo {app}. Os agentes apreenderam {qty}"
    " de {drug} e {price} em dinheiro, segundo a investigação."),
]
DISCUSSION["ru"] += [
    ("Полиция задержала в {city} троих подозреваемых, которые продавали {drug} через {app}. При обыске изъяли {qty}"
    " {drug} и {price} наличными, сообщили в МВД. Возбуждено уголовное дело."),
]
DISCUSSION["zh-Hans"] += [
    ("{city}警方近日破获一起网络贩毒案，抓获犯罪嫌疑人4名，现场缴获{drug}{qty}。经查，犯罪嫌疑人通过微信联系买家，以{price}的价格出售，"
    "并通过快递发货。目前案件正在进一步侦办中。"),
]
DISCUSSION["ja"] += [
    ("{city}の警察は、SNSで{drug}を販売したとして男3人を逮捕した。警察によると、男らはテレグラムで客と連絡を取り、{drug}{qty}を押収した。"
    "容疑を認めているという。"),
]
DISCUSSION["ko"] += [
    ("경찰은 텔레그램으로 {drug}을 판매한 혐의로 일당 5명을 검거했다고 밝혔다. 경찰은 {drug} {qty}을 압수했으며, 이들은 던지기 수법으로 "
    "마약을 유통한 것으로 조사됐다."),
]
DISCUSSION["th"] += [
    "ตำรวจจับกุมผู้ต้องหา 3 ราย ลักลอบขาย{drug}ผ่านไลน์ ยึดของกลาง{drug} {qty} และเงินสด {price} ผู้ต้องหารับสารภาพ",
]
OFFER["en"] += [
    ("Welcome to our store! We have been serving customers since 2018. On the menu: {drug} {qty} {price}, {drug} {qty}"
    " {price}, {slang} {qty} {price}. Stealth shipping worldwide, tracking provided, reship if lost. Payment in BTC or"
    " XMR. Contact us on telegram {tg} for bulk orders."),
    ("About me: experienced vendor, fast replies, all orders shipped within 24 hours. Products: {drug}, {drug}, {slang}."
    " Vacuum sealed and odour proof. Encrypt your address with my PGP key. FE for regulars only. Wickr: {handle}"),
    ("Buy {drug} online without a prescription from our trusted pharmacy. Fast and discreet delivery to the USA,"
    " Canada, the UK and Australia. Secure payment with credit card or bitcoin. Order today and save 20% on your first"
    " order. 24/7 customer support at {site}."),
    ("New menu is up 🔥 {slang} {price}/{qty}, {drug} {price}, {drug} {price} each. Delivery around {city} same day, or"
    " shipping nationwide. Cash App or Zelle. Snap me or text {phone}, serious buyers only."),
    ("Channel rules: place your order by DM, pay first, we deliver. {drug} {qty} {price}, {drug} {qty} {price}. Bulk"
    " discounts for resellers. Drops every day in {city}. Contact {handle} on telegram."),
]
OFFER["es"] += [
    ("Bienvenido a nuestra tienda. Vendemos {drug} y {drug} de la mejor calidad, {qty} a {price}. Envíos discretos a"
    " todo el país en 24-48 horas, pago por bitcoin o transferencia. Pedidos por telegram {tg}."),
]
OFFER["fr"] += [
    ("Boutique sérieuse depuis 2019. {drug} {qty} {price}, {drug} {qty} {price}. Livraison discrète partout en France,"
    " paiement en crypto. Commandes sur Telegram @{handle}."),
]
OFFER["de"] += [
    ("Willkommen in unserem Shop. Wir verkaufen {drug} und {drug} in bester Qualität, {qty} für {price}. Diskreter"
    " Versand in ganz Deutschland, Bezahlung per Bitcoin. Bestellung über Telegram @{handle}."),
]
OFFER["zh-Hans"] += [
    "本店常年出售{drug}、{drug}，品质保证，{qty}{price}。全国包邮，顺丰发货，可货到付款。有需要的朋友加微信{handle}，量大从优，诚信经营。",
]
OFFER["ru"] += [
    ("Добро пожаловать в наш магазин. В наличии {drug} и {drug}, {qty} цена {price}. Закладки по {city}, доставка по"
    " всей России. Оплата биткоин. Оператор в телеграм @{handle}."),
]
# Talk about delivering a drug, with no price, contact or quantity: jokes and wishes ("someone should start a weed
# delivery app"), not a seller's offer, whose delivery word comes with a way to order.
DISCUSSION["en"] += ["someone should start a {drug} delivery app, i'd be rich lol",
                     "imagine {drug} delivered to your door like pizza 😂"]
DISCUSSION["es"] += ["deberían inventar un delivery de {drug} a domicilio jajaja",
                     "ojalá existiera el envío de {drug} a domicilio como con la pizza"]
DISCUSSION["pt"] += ["alguém devia criar um delivery de {drug} kkkk"]
# A supplier's catalogue line that names the drug with commerce words and no contact ("Wholesale fentanyl powder,
# samples available"; chemical vendors put the contact in the profile, not the line). Reports on the drug market use
# the same words about the market ("prices and purity rose"), with a reporter's verb and no "available" or "supplier".
OFFER["en"] += ["Wholesale {drug}, samples available", "{drug} supplier, high purity, best price",
                "Bulk {drug} in stock, discount for large orders", "[listing] {drug} {qty} wholesale price, free samples"]
OFFER["es"] += ["{drug} al por mayor, muestras disponibles, mejor precio"]
OFFER["de"] += ["{drug} Großhandel, Proben verfügbar, bester Preis"]
DISCUSSION["en"] += ["{drug} prices fell and purity rose in {city}, the report says",
                     "the wholesale price of {drug} doubled, according to the UNODC report",
                     "why is {drug} so cheap now? better purity, lower prices, scary",
                     "is the {drug} around here getting weaker or are prices just going up?"]
DISCUSSION["es"] += ["el precio al por mayor de la {drug} subió, según el informe"]
