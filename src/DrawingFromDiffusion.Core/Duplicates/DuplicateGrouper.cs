namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Merges the pairs of every tier into groups with union-find, in two rounds: sure links first, then tentative ones,
/// strongest first, each only where at most one of the two groups it would join holds a sure link — a copy joins its
/// group, but two groups of sibling drawings that merely look alike stay apart. Each member reports the link that
/// reaches it on the tree grown from the keeper, strongest tier and smallest distance first, so a member shows its
/// closest tie to the group rather than an arbitrary one.
/// </summary>
public static class DuplicateGrouper
{
    public static List<DuplicateGroup> Group(IReadOnlyList<DuplicateCandidate> candidates, IEnumerable<IDuplicatePairSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(sources);
        var set = new DisjointSet(candidates.Count);
        var links = new List<DuplicateLink>();
        var tentative = new List<DuplicateLink>();
        foreach (var source in sources)
        {
            foreach (var link in source.FindPairs(candidates, cancellationToken))
            {
                if (link.Tentative)
                {
                    tentative.Add(link);
                }
                else
                {
                    links.Add(link);
                    set.Union(link.A, link.B);
                }
            }
        }

        var sure = new HashSet<int>(links.Select(l => set.Find(l.A)));
        foreach (var link in tentative.OrderByDescending(l => l.Strength).ThenBy(l => l.A).ThenBy(l => l.B))
        {
            var (rootA, rootB) = (set.Find(link.A), set.Find(link.B));
            if (rootA != rootB && sure.Contains(rootA) && sure.Contains(rootB))
            {
                continue;
            }

            var wasSure = sure.Remove(rootA) | sure.Remove(rootB);
            set.Union(link.A, link.B);
            if (wasSure)
            {
                sure.Add(set.Find(link.A));
            }

            links.Add(link);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var members = new Dictionary<int, List<int>>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (set.SizeOf(i) > 1)
            {
                var root = set.Find(i);
                if (!members.TryGetValue(root, out var list))
                {
                    members[root] = list = [];
                }

                list.Add(i);
            }
        }

        var adjacency = new Dictionary<int, List<int>>();
        for (var l = 0; l < links.Count; l++)
        {
            Adjacent(adjacency, links[l].A).Add(l);
            Adjacent(adjacency, links[l].B).Add(l);
        }

        var groups = members.Values
            .Select(list => Build(candidates, list, links, adjacency))
            .OrderByDescending(g => g.Members.Count)
            .ThenBy(g => g.Keeper.Candidate.Path, StringComparer.Ordinal)
            .ToList();
        return [.. groups.Select((g, i) => g with { Number = i + 1 })];
    }

    private static List<int> Adjacent(Dictionary<int, List<int>> adjacency, int node)
    {
        if (!adjacency.TryGetValue(node, out var list))
        {
            adjacency[node] = list = [];
        }

        return list;
    }

    private static DuplicateGroup Build(IReadOnlyList<DuplicateCandidate> candidates, List<int> nodes, List<DuplicateLink> links, Dictionary<int, List<int>> adjacency)
    {
        var (keeperAt, reason) = KeeperRule.Choose([.. nodes.Select(n => candidates[n])]);
        var keeper = nodes[keeperAt];
        var result = new List<DuplicateMember>(nodes.Count) { new(candidates[keeper], true, null, null, null, null) };
        var reached = new HashSet<int> { keeper };
        var reachedTentatively = new HashSet<int>();
        var frontier = new PriorityQueue<(int Node, int From, DuplicateLink Link), (int Tier, double Distance, int Node)>();
        void Expand(int node)
        {
            foreach (var l in adjacency[node])
            {
                var link = links[l];
                var other = link.A == node ? link.B : link.A;
                if (!reached.Contains(other))
                {
                    frontier.Enqueue((other, node, link), ((int)link.Tier, link.Distance, other));
                }
            }
        }

        Expand(keeper);
        while (frontier.TryDequeue(out var next, out _))
        {
            if (!reached.Add(next.Node))
            {
                continue;
            }

            var tentative = next.Link.Tentative || reachedTentatively.Contains(next.From);
            if (tentative)
            {
                reachedTentatively.Add(next.Node);
            }

            result.Add(new DuplicateMember(candidates[next.Node], false, next.Link.Tier, next.Link.Distance, next.Link.Detail, candidates[next.From].Path, tentative));
            Expand(next.Node);
        }

        return new DuplicateGroup(0, result, reason);
    }
}
