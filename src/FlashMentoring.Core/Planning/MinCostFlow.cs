namespace FlashMentoring.Core.Planning;

/// <summary>
/// Minimum-cost flow by the primal-dual method: Dijkstra on reduced costs finds the cheapest distance,
/// then a blocking flow pushes along every zero-reduced-cost path at that distance at once. Flow stops
/// as soon as another unit would not lower the cost, so it solves "min cost over any flow value".
/// The node potentials it leaves behind are a dual solution; <see cref="LowerBound"/> turns any potentials
/// into a certified lower bound on the cost of every flow, which is how the engine proves its gap.
/// </summary>
internal sealed class MinCostFlow
{
    private readonly int nodeCount;
    private readonly List<(int From, int To, int Cap, long Cost)> arcs = [];

    // Compressed adjacency, built once by Freeze: a node's residual arcs sit side by side in memory.
    private int[] first = [];
    private int[] to = [];
    private int[] cap = [];
    private long[] cost = [];
    private int[] twin = [];
    private int[] positionOf = [];

    /// <summary>Checked once a shortest-path search: a solve on a large room runs thousands of them.</summary>
    public CancellationToken Cancellation { get; init; }

    public MinCostFlow(int nodeCount)
    {
        // Two spare nodes: the super source and sink that Reoptimize routes imbalances through.
        this.nodeCount = nodeCount + 2;
        Potential = new long[this.nodeCount];
    }

    public long[] Potential { get; }

    /// <summary>Adds an arc; returns its id.</summary>
    public int AddArc(int from, int toNode, int capacity, long arcCost)
    {
        arcs.Add((from, toNode, capacity, arcCost));
        return arcs.Count - 1;
    }

    /// <summary>Flow on an arc after <see cref="Solve"/>.</summary>
    public int Flow(int arc) => arcs[arc].Cap - cap[positionOf[arc]];

    /// <summary>Builds the compressed adjacency of the problem arcs plus auxiliary ones, with the given flows.</summary>
    private void Freeze(int[]? flows = null, IReadOnlyList<(int From, int To, int Cap, long Cost, int Flow)>? auxiliary = null)
    {
        auxiliary ??= [];
        var degree = new int[nodeCount + 1];
        foreach (var (from, toNode, _, _) in arcs)
        {
            degree[from]++;
            degree[toNode]++;
        }

        foreach (var (from, toNode, _, _, _) in auxiliary)
        {
            degree[from]++;
            degree[toNode]++;
        }

        first = new int[nodeCount + 1];
        for (var v = 0; v < nodeCount; v++)
        {
            first[v + 1] = first[v] + degree[v];
        }

        var size = (arcs.Count + auxiliary.Count) * 2;
        to = new int[size];
        cap = new int[size];
        cost = new long[size];
        twin = new int[size];
        positionOf = new int[arcs.Count];
        var fill = (int[])first.Clone();
        for (var id = 0; id < arcs.Count; id++)
        {
            var (from, toNode, capacity, arcCost) = arcs[id];
            positionOf[id] = Place(from, toNode, capacity, arcCost, flows?[id] ?? 0);
        }

        foreach (var (from, toNode, capacity, arcCost, flow) in auxiliary)
        {
            Place(from, toNode, capacity, arcCost, flow);
        }

        int Place(int from, int toNode, int capacity, long arcCost, int flow)
        {
            var forward = fill[from]++;
            var backward = fill[toNode]++;
            to[forward] = toNode;
            cap[forward] = capacity - flow;
            cost[forward] = arcCost;
            twin[forward] = backward;
            to[backward] = from;
            cap[backward] = flow;
            cost[backward] = -arcCost;
            twin[backward] = forward;
            return forward;
        }
    }

    /// <summary>Runs until no path lowers the cost. Returns the flow value.</summary>
    public long Solve(int source, int sink)
    {
        Freeze();
        InitialisePotentials(source);
        var total = Augment(source, sink);
        AlignPotentials(source, sink, total);
        return total;
    }

    /// <summary>
    /// Adds arcs to a solved network and restores optimality without starting over: every new arc that would
    /// lower the cost is saturated, and the imbalance that leaves is routed at least cost from the nodes with
    /// too much flow to those with too little, through the residual graph closed by a sink-to-source return arc.
    /// Returns the new arcs' ids.
    /// </summary>
    public int[] Reoptimize(int source, int sink, IReadOnlyList<(int From, int To, int Cap, long Cost)> added)
    {
        var flows = new int[arcs.Count + added.Count];
        long total = 0;
        for (var id = 0; id < arcs.Count; id++)
        {
            flows[id] = Flow(id);
            if (arcs[id].From == source)
            {
                total += flows[id];
            }
        }

        var excess = new int[nodeCount];
        var ids = new int[added.Count];
        for (var k = 0; k < added.Count; k++)
        {
            var (from, toNode, capacity, arcCost) = added[k];
            ids[k] = AddArc(from, toNode, capacity, arcCost);
            if (ReducedCost(from, toNode, arcCost) < 0)
            {
                flows[ids[k]] = capacity;
                excess[toNode] += capacity;
                excess[from] -= capacity;
            }
        }

        var superSource = nodeCount - 2;
        var superSink = nodeCount - 1;
        var auxiliary = new List<(int, int, int, long, int)> { (sink, source, int.MaxValue / 4, 0, (int)total) };
        long toRoute = 0;
        for (var v = 0; v < superSource; v++)
        {
            if (excess[v] > 0)
            {
                auxiliary.Add((superSource, v, excess[v], 0, 0));
                toRoute += excess[v];
            }
            else if (excess[v] < 0)
            {
                auxiliary.Add((v, superSink, -excess[v], 0, 0));
            }
        }

        Freeze(flows, auxiliary);
        if (toRoute == 0)
        {
            return ids;
        }

        // Potentials that keep every auxiliary arc's reduced cost non-negative.
        Potential[superSource] = Enumerable.Range(0, superSource).Where(v => excess[v] > 0).Max(v => Potential[v]);
        Potential[superSink] = Enumerable.Range(0, superSource).Where(v => excess[v] < 0).Min(v => Potential[v]);
        var routed = Augment(superSource, superSink, routeAll: true);
        if (routed != toRoute)
        {
            throw new InvalidOperationException($"Re-optimisation routed {routed} of {toRoute} units; the network is inconsistent.");
        }

        AlignPotentials(source, sink, total);
        return ids;
    }

    private long Augment(int source, int sink, bool routeAll = false)
    {
        var dist = new long[nodeCount];
        var done = new bool[nodeCount];
        var heap = new IndexedHeap(nodeCount);
        var level = new int[nodeCount];
        var iter = new int[nodeCount];
        var queue = new int[nodeCount];
        var stackNode = new int[nodeCount + 1];
        var stackArc = new int[nodeCount + 1];
        long total = 0;

        while (true)
        {
            Cancellation.ThrowIfCancellationRequested();
            // Dijkstra on reduced costs, stopping when the sink is settled.
            Array.Fill(dist, long.MaxValue);
            Array.Clear(done);
            dist[source] = 0;
            heap.Reset(dist);
            heap.Upsert(source);
            while (heap.Count > 0)
            {
                var u = heap.Pop();
                done[u] = true;
                if (u == sink)
                {
                    break;
                }

                var du = dist[u] + Potential[u];
                for (int a = first[u], end = first[u + 1]; a < end; a++)
                {
                    if (cap[a] <= 0)
                    {
                        continue;
                    }

                    var v = to[a];
                    var nd = du + cost[a] - Potential[v];
                    if (nd < dist[v])
                    {
                        dist[v] = nd;
                        heap.Upsert(v);
                    }
                }
            }

            if (!done[sink])
            {
                break;
            }

            var reach = dist[sink];
            for (var v = 0; v < nodeCount; v++)
            {
                Potential[v] += done[v] ? dist[v] : reach;
            }

            if (!routeAll && Potential[sink] - Potential[source] >= 0)
            {
                break; // The cheapest path no longer pays for itself.
            }

            total += BlockingFlows(source, sink, level, iter, queue, stackNode, stackArc);
        }

        return total;
    }

    private bool Admissible(int u, int a) => cap[a] > 0 && cost[a] + Potential[u] - Potential[to[a]] == 0;

    private long BlockingFlows(int source, int sink, int[] level, int[] iter, int[] queue, int[] stackNode, int[] stackArc)
    {
        long pushed = 0;
        while (true)
        {
            // Levels over admissible arcs (residual and zero reduced cost) so the DFS cannot loop.
            Array.Fill(level, -1);
            level[source] = 0;
            int qh = 0, qt = 0;
            queue[qt++] = source;
            while (qh < qt && level[sink] < 0)
            {
                var u = queue[qh++];
                for (int a = first[u], end = first[u + 1]; a < end; a++)
                {
                    if (level[to[a]] < 0 && Admissible(u, a))
                    {
                        level[to[a]] = level[u] + 1;
                        queue[qt++] = to[a];
                    }
                }
            }

            if (level[sink] < 0)
            {
                return pushed;
            }

            Array.Copy(first, iter, nodeCount);

            // Iterative DFS: residual paths can be thousands of arcs long.
            while (true)
            {
                var depth = 0;
                stackNode[0] = source;
                while (depth >= 0 && stackNode[depth] != sink)
                {
                    var u = stackNode[depth];
                    var end = first[u + 1];
                    while (iter[u] < end)
                    {
                        var a = iter[u];
                        if (level[to[a]] == level[u] + 1 && Admissible(u, a))
                        {
                            break;
                        }

                        iter[u]++;
                    }

                    if (iter[u] < end)
                    {
                        stackArc[depth] = iter[u];
                        stackNode[++depth] = to[iter[u]];
                    }
                    else
                    {
                        level[u] = -1; // Dead end for this round.
                        if (--depth >= 0)
                        {
                            iter[stackNode[depth]]++;
                        }
                    }
                }

                if (depth < 0)
                {
                    break;
                }

                var bottleneck = int.MaxValue;
                for (var k = 0; k < depth; k++)
                {
                    bottleneck = Math.Min(bottleneck, cap[stackArc[k]]);
                }

                for (var k = 0; k < depth; k++)
                {
                    cap[stackArc[k]] -= bottleneck;
                    cap[twin[stackArc[k]]] += bottleneck;
                }

                pushed += bottleneck;
            }
        }
    }

    private void InitialisePotentials(int source)
    {
        // Bellman-Ford (queue-based) because the bonus arcs have negative costs; the graph starts acyclic.
        var dist = new long[nodeCount];
        Array.Fill(dist, long.MaxValue);
        var inQueue = new bool[nodeCount];
        var queue = new Queue<int>();
        dist[source] = 0;
        queue.Enqueue(source);
        while (queue.TryDequeue(out var u))
        {
            inQueue[u] = false;
            for (int a = first[u], end = first[u + 1]; a < end; a++)
            {
                if (cap[a] > 0 && dist[u] + cost[a] < dist[to[a]])
                {
                    dist[to[a]] = dist[u] + cost[a];
                    if (!inQueue[to[a]])
                    {
                        inQueue[to[a]] = true;
                        queue.Enqueue(to[a]);
                    }
                }
            }
        }

        var max = dist.Where(d => d != long.MaxValue).DefaultIfEmpty(0).Max();
        for (var v = 0; v < nodeCount; v++)
        {
            Potential[v] = dist[v] == long.MaxValue ? max : dist[v];
        }
    }

    /// <summary>
    /// Makes the potentials an optimal dual: treats the flow as a circulation closed by a sink-to-source arc,
    /// and relaxes until no residual arc, that one included, has a negative reduced cost. Without this the
    /// bound can sit above the optimum by (potential of sink - potential of source) times the flow.
    /// </summary>
    private void AlignPotentials(int source, int sink, long flow)
    {
        var d = new long[nodeCount];
        var inQueue = new bool[nodeCount];
        var queue = new Queue<int>();
        for (var v = 0; v < nodeCount; v++)
        {
            queue.Enqueue(v);
            inQueue[v] = true;
        }

        while (queue.TryDequeue(out var u))
        {
            inQueue[u] = false;
            for (int a = first[u], end = first[u + 1]; a < end; a++)
            {
                if (cap[a] > 0)
                {
                    Relax(u, to[a], cost[a]);
                }
            }

            if (u == sink)
            {
                Relax(sink, source, 0); // The return arc always has room: the bound allows any flow value.
            }
            else if (u == source && flow > 0)
            {
                Relax(source, sink, 0); // Its residual twin, while there is flow to send back.
            }
        }

        for (var v = 0; v < nodeCount; v++)
        {
            Potential[v] += d[v];
        }

        void Relax(int u, int v, long c)
        {
            var nd = d[u] + c + Potential[u] - Potential[v];
            if (nd < d[v])
            {
                d[v] = nd;
                if (!inQueue[v])
                {
                    inQueue[v] = true;
                    queue.Enqueue(v);
                }
            }
        }
    }

    /// <summary>
    /// Weak duality: for any potentials, every flow (of any value up to <paramref name="maxFlow"/>) costs at least
    /// the sum over arcs of capacity times the negative part of the reduced cost, plus the same for a return arc
    /// from sink to source. It reads the arcs as added, not the solver's state, so a solver bug cannot flatter it;
    /// <paramref name="extraArcs"/> widen the network to capacities every valid rotation respects for certain.
    /// </summary>
    public long LowerBound(int source, int sink, long maxFlow, IEnumerable<(int From, int To, int Cap, long Cost)> extraArcs)
    {
        long bound = 0;
        foreach (var (from, toNode, capacity, arcCost) in arcs.Concat(extraArcs))
        {
            var reduced = arcCost + Potential[from] - Potential[toNode];
            if (reduced < 0)
            {
                bound += capacity * reduced;
            }
        }

        var back = Potential[sink] - Potential[source];
        if (back < 0)
        {
            bound += maxFlow * back;
        }

        return bound;
    }

    /// <summary>Reduced cost of a would-be arc under the current potentials (negative: it would improve the flow).</summary>
    public long ReducedCost(int from, int toNode, long arcCost) => arcCost + Potential[from] - Potential[toNode];
}
