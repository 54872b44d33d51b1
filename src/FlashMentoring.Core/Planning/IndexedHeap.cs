namespace FlashMentoring.Core.Planning;

// Hand-written because .NET's PriorityQueue has no decrease-key (nor a way to find an entry): with it, every relaxation
// would enqueue a duplicate to skip later, and the heap would grow with the edges instead of staying at one per node.
/// <summary>
/// A binary min-heap over node ids keyed by an external distance array, with decrease-key. Dijkstra on the
/// flow graph relaxes each mentor node many times; decrease-key keeps the heap at one entry per node.
/// </summary>
internal sealed class IndexedHeap
{
    private readonly int[] heap;
    private readonly int[] position;
    private long[] key = [];
    private int count;

    public IndexedHeap(int capacity)
    {
        heap = new int[capacity];
        position = new int[capacity];
        Array.Fill(position, -1);
    }

    public int Count => count;

    public void Reset(long[] keys)
    {
        for (var k = 0; k < count; k++)
        {
            position[heap[k]] = -1;
        }

        count = 0;
        key = keys;
    }

    /// <summary>Inserts the node or moves it up after its key dropped.</summary>
    public void Upsert(int node)
    {
        var at = position[node];
        if (at < 0)
        {
            at = count++;
            heap[at] = node;
            position[node] = at;
        }

        SiftUp(at);
    }

    public int Pop()
    {
        var top = heap[0];
        position[top] = -1;
        count--;
        if (count > 0)
        {
            heap[0] = heap[count];
            position[heap[0]] = 0;
            SiftDown(0);
        }

        return top;
    }

    private void SiftUp(int at)
    {
        var node = heap[at];
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            if (key[heap[parent]] <= key[node])
            {
                break;
            }

            heap[at] = heap[parent];
            position[heap[at]] = at;
            at = parent;
        }

        heap[at] = node;
        position[node] = at;
    }

    private void SiftDown(int at)
    {
        var node = heap[at];
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && key[heap[child + 1]] < key[heap[child]])
            {
                child++;
            }

            if (key[heap[child]] >= key[node])
            {
                break;
            }

            heap[at] = heap[child];
            position[heap[at]] = at;
            at = child;
        }

        heap[at] = node;
        position[node] = at;
    }
}
