import json, glob, os
import os; base=os.path.dirname(os.path.abspath(__file__))
bad=0
for g in sorted(glob.glob(base+"/gold/*.json")):
    d=json.load(open(g))
    t=open(base+"/documents/"+d["file"]).read()
    import unicodedata
    def nz(x): return "".join(c for c in unicodedata.normalize("NFKD",x) if not unicodedata.combining(c)).casefold()
    tq=t.replace('"','').replace('\u201c','').replace('\u201d','')
    tn=nz(t)
    name=os.path.basename(g)
    def chk(kind,s,n=1):
        global bad
        if t.count(s)<n: print(name,kind,"NOT FOUND" if t.count(s)==0 else "too few",repr(s)); bad+=1
    for x in d["dates"]: chk("date",x["text"],x.get("occurrence",1))
    for x in d["quantities"]: chk("qty",x["text"],x.get("occurrence",1))
    for x in d["claims"]:
        if x["content"] not in tq: print(name,"claim NOT FOUND",x["content"]); bad+=1
    for x in d["entities"]:
        for s in [x["name"]]+x.get("aliases",[]):
            if nz(s) not in tn: print(name,"entity NOT FOUND",s); bad+=1
    ents={s for x in d["entities"] for s in [x["name"]]+x.get("aliases",[])}
    for v in d["events"]:
        for k in ("patient","agent","place"):
            for s in v.get(k,[]):
                if nz(s) not in tn: print(name,"event",k,"not in text:",s)
    for x in d["claims"]:
        for s in x["speaker"]+x.get("told_to",[]):
            if nz(s) not in tn: print(name,"claim speaker not in text:",s)
    print(name, "ents",sum(not e.get("optional") for e in d["entities"]),len(d["entities"]),
          "dates",sum(not e.get("optional") for e in d["dates"]),len(d["dates"]),
          "qty",sum(not e.get("optional") for e in d["quantities"]),len(d["quantities"]),
          "claims",sum(not e.get("optional") for e in d["claims"]),len(d["claims"]),
          "events",sum(not e.get("optional") for e in d["events"]),len(d["events"]))
print("problems:",bad)
