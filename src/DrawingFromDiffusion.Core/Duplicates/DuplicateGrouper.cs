namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Puts linked files into groups without chaining through look-alikes: a member must be the same picture as the group,
/// not only as a neighbour of a neighbour (866 star polygons once formed one group, link by link). Files of one image
/// (identical links) move as one. Sure links first: the file with the most sure links not yet grouped is a centre; its
/// sure core is the centre and the files sure-linked to it; a further file joins only when it is sure-linked to a
/// member of that core, so no member is more than two links from the centre (a slight crop links to its original,
/// not always to the original's other copies). Then tentative links, strongest first, bring in files still ungrouped, and only through the
/// centre or core of a group — never joining two groups. Each member reports the link that reaches it on the tree grown
/// from the keeper inside its group, strongest tier and smallest distance first.
/// </summary>
public static class DuplicateGrouper
{
    public static List<DuplicateGroup> Group(IReadOnlyList<DuplicateCandidate> candidates, IEnumerable<IDuplicatePairSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(sources);
        var links = sources.SelectMany(source => source.FindPairs(candidates, cancellationToken)).ToList();
        cancellationToken.ThrowIfCancellationRequested();

        // Files of one image are one unit: an identical link is no look-alike.
        var units = new DisjointSet(candidates.Count);
        foreach (var link in links.Where(l => l.Tier == DuplicateTier.Identical))
        {
            units.Union(link.A, link.B);
        }

        var groupOf = GroupUnits(links, units);
        var members = new Dictionary<int, List<int>>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var unit = units.Find(i);
            var key = groupOf.TryGetValue(unit, out var g) ? g : -1 - unit;
            if (!members.TryGetValue(key, out var list))
            {
                members[key] = list = [];
            }

            list.Add(i);
        }

        var adjacency = new Dictionary<int, List<int>>();
        for (var l = 0; l < links.Count; l++)
        {
            Adjacent(adjacency, links[l].A).Add(l);
            Adjacent(adjacency, links[l].B).Add(l);
        }

        var groups = members.Values
            .Where(list => list.Count > 1)
            .Select(list => Build(candidates, list, links, adjacency))
            .OrderByDescending(g => g.Members.Count)
            .ThenBy(g => g.Keeper.Candidate.Path, StringComparer.Ordinal)
            .ToList();
        return [.. groups.Select((g, i) => g with { Number = i + 1 })];
    }

    /// <summary>The group number of every unit (root of <paramref name="units"/>) that joined one.</summary>
    private static Dictionary<int, int> GroupUnits(List<DuplicateLink> links, DisjointSet units)
    {
        var sure = new Dictionary<int, HashSet<int>>();
        var tentative = new List<(int A, int B, double Strength)>();
        foreach (var link in links.Where(l => l.Tier != DuplicateTier.Identical))
        {
            var (a, b) = (units.Find(link.A), units.Find(link.B));
            if (a == b)
            {
                continue;
            }

            if (link.Tentative)
            {
                tentative.Add((a, b, link.Strength));
            }
            else
            {
                Neighbours(sure, a).Add(b);
                Neighbours(sure, b).Add(a);
            }
        }

        var groupOf = new Dictionary<int, int>();
        var cores = new List<HashSet<int>>();
        foreach (var centre in sure.Keys.OrderByDescending(u => sure[u].Count).ThenBy(u => u))
        {
            if (groupOf.ContainsKey(centre))
            {
                continue;
            }

            var core = new HashSet<int>(sure[centre].Where(u => !groupOf.ContainsKey(u))) { centre };
            if (core.Count < 2)
            {
                continue;
            }

            var ring = core.SelectMany(u => sure[u]).Where(u => !core.Contains(u) && !groupOf.ContainsKey(u)).Distinct()
                .ToList();
            foreach (var unit in core.Concat(ring))
            {
                groupOf[unit] = cores.Count;
            }

            cores.Add(core);
        }

        foreach (var (a, b, _) in tentative.OrderByDescending(t => t.Strength).ThenBy(t => t.A).ThenBy(t => t.B))
        {
            var (inA, inB) = (groupOf.TryGetValue(a, out var ga), groupOf.TryGetValue(b, out var gb));
            if (inA == inB)
            {
                if (!inA)
                {
                    // Two ungrouped files: a group of their own, both its core.
                    groupOf[a] = groupOf[b] = cores.Count;
                    cores.Add([a, b]);
                }

                continue;
            }

            var (stranger, group, contact) = inA ? (b, ga, a) : (a, gb, b);
            if (cores[group].Contains(contact))
            {
                groupOf[stranger] = group;
            }
        }

        return groupOf;
    }

    private static HashSet<int> Neighbours(Dictionary<int, HashSet<int>> graph, int unit)
    {
        if (!graph.TryGetValue(unit, out var set))
        {
            graph[unit] = set = [];
        }

        return set;
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
        var inGroup = new HashSet<int>(nodes);
        var frontier = new PriorityQueue<(int Node, int From, DuplicateLink Link), (int Tier, double Distance, int Node)>();
        void Expand(int node)
        {
            foreach (var l in adjacency[node])
            {
                var link = links[l];
                var other = link.A == node ? link.B : link.A;
                if (inGroup.Contains(other) && !reached.Contains(other))
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
