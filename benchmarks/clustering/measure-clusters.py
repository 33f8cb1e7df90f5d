#!/usr/bin/python3
"""Agreement of clusters with known families (see make-family-set.sh).

    measure-clusters.py TRUTH.tsv EXPORT.jsonl [--label NAME] [--sklearn] [--sweep 2..40]

EXPORT.jsonl is `dfd export --with-vectors` after `dfd clusters`: its `cluster` column is scored (NMI, ARI, k, cosine
silhouette over all images). --sklearn adds sklearn's KMeans (k-means++, n_init 10, seed 0) on the same L2-normalised
vectors at the true k. --sweep A..B scores sklearn's KMeans at every k in A..B (for looking, not for the table).
Images are scored once (an image id with files in several families takes its first file's family).
"""
import argparse, json, sys
import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, silhouette_score

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("truth"); ap.add_argument("export")
    ap.add_argument("--label", default="dfd"); ap.add_argument("--sklearn", action="store_true")
    ap.add_argument("--sweep")
    a = ap.parse_args()
    family = dict(line.rstrip("\n").split("\t") for line in open(a.truth))
    seen, ids, truth, clusters, vectors = set(), [], [], [], []
    for line in open(a.export):
        row = json.loads(line)
        if row["image_id"] in seen or row["path"] not in family:
            continue
        seen.add(row["image_id"])
        ids.append(row["image_id"]); truth.append(family[row["path"]]); clusters.append(row.get("cluster"))
        vectors.append(row.get("vector"))
    names = sorted(set(truth)); y = np.array([names.index(t) for t in truth])
    x = np.array(vectors, dtype=np.float32); x /= np.linalg.norm(x, axis=1, keepdims=True)
    true_k = len(names)
    def row(label, labels):
        labels = np.asarray(labels); k = len(set(labels.tolist()))
        sil = silhouette_score(x, labels, metric="cosine") if 1 < k < len(labels) else float("nan")
        print(f"| {label} | {len(y)} | {true_k} | {k} | {normalized_mutual_info_score(y, labels):.3f} | {adjusted_rand_score(y, labels):.3f} | {sil:.3f} |")
    if all(c is not None for c in clusters):
        row(a.label, clusters)
    if a.sklearn:
        row(f"sklearn KMeans k={true_k} (true k)", KMeans(true_k, n_init=10, random_state=0).fit_predict(x))
    if a.sweep:
        lo, hi = map(int, a.sweep.split(".."))
        for k in range(lo, hi + 1):
            row(f"sklearn KMeans k={k}", KMeans(k, n_init=3, random_state=0).fit_predict(x))

if __name__ == "__main__":
    main()
