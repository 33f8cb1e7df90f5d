using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using DrawingFromDiffusion.Core.Embeddings;

namespace DrawingFromDiffusion.Core.VectorIndex;

/// <summary>
/// Brute-force search: one SIMD dot product per stored vector. Used below a few thousand vectors, where it is as fast
/// as a graph, and as the ground truth that approximate indexes are measured against.
/// </summary>
public sealed class ExactIndex : IVectorIndex
{
    private static ReadOnlySpan<byte> Magic => "DFDEXACT"u8;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<long, int> _rows = [];
    private long[] _keys;
    private float[] _single;
    private Half[] _half;
    private int _count;

    public ExactIndex(int dimensions, VectorPrecision precision = VectorPrecision.Float32, int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Dimensions = dimensions;
        Precision = precision;
        _keys = new long[capacity];
        _single = precision == VectorPrecision.Float32 ? new float[(long)capacity * dimensions] : [];
        _half = precision == VectorPrecision.Float16 ? new Half[(long)capacity * dimensions] : [];
    }

    public int Dimensions { get; }

    public VectorPrecision Precision { get; }

    public long Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>A snapshot of the keys held, in storage order.</summary>
    public long[] Keys()
    {
        _lock.EnterReadLock();
        try
        {
            return _keys.AsSpan(0, _count).ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Add(long key, ReadOnlySpan<float> vector)
    {
        CheckDimensions(vector.Length);
        _lock.EnterWriteLock();
        try
        {
            AddLocked(key, vector);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void AddRange(ReadOnlySpan<long> keys, ReadOnlySpan<float> vectors)
    {
        if ((long)keys.Length * Dimensions != vectors.Length)
        {
            throw new ArgumentException($"Expected {keys.Length} × {Dimensions} floats, got {vectors.Length}.", nameof(vectors));
        }

        _lock.EnterWriteLock();
        try
        {
            EnsureCapacity(_count + keys.Length);
            for (var i = 0; i < keys.Length; i++)
            {
                AddLocked(keys[i], vectors.Slice(i * Dimensions, Dimensions));
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(long key)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_rows.Remove(key, out var row))
            {
                return false;
            }

            var last = _count - 1;
            if (row != last)
            {
                var moved = _keys[last];
                _keys[row] = moved;
                _rows[moved] = row;
                if (Precision == VectorPrecision.Float32)
                {
                    _single.AsSpan(last * Dimensions, Dimensions).CopyTo(_single.AsSpan(row * Dimensions, Dimensions));
                }
                else
                {
                    _half.AsSpan(last * Dimensions, Dimensions).CopyTo(_half.AsSpan(row * Dimensions, Dimensions));
                }
            }

            _count = last;
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Contains(long key)
    {
        _lock.EnterReadLock();
        try
        {
            return _rows.ContainsKey(key);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public bool TryGetVector(long key, Span<float> destination)
    {
        CheckDimensions(destination.Length);
        _lock.EnterReadLock();
        try
        {
            if (!_rows.TryGetValue(key, out var row))
            {
                return false;
            }

            if (Precision == VectorPrecision.Float32)
            {
                _single.AsSpan(row * Dimensions, Dimensions).CopyTo(destination);
            }
            else
            {
                TensorPrimitives.ConvertToSingle(_half.AsSpan(row * Dimensions, Dimensions), destination);
            }

            return true;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null)
    {
        CheckDimensions(query.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        _lock.EnterReadLock();
        try
        {
            // A min-heap on similarity holding the best k seen so far.
            var best = new PriorityQueue<long, float>(Math.Min(k, _count) + 1);
            var scratch = Precision == VectorPrecision.Float16 ? new float[Dimensions] : null;
            for (var row = 0; row < _count; row++)
            {
                var key = _keys[row];
                if (filter is not null && !filter(key))
                {
                    continue;
                }

                float similarity;
                if (scratch is null)
                {
                    similarity = TensorPrimitives.Dot(query, _single.AsSpan(row * Dimensions, Dimensions));
                }
                else
                {
                    TensorPrimitives.ConvertToSingle(_half.AsSpan(row * Dimensions, Dimensions), scratch);
                    similarity = TensorPrimitives.Dot(query, scratch);
                }

                if (best.Count < k)
                {
                    best.Enqueue(key, similarity);
                }
                else if (best.TryPeek(out _, out var worst) && similarity > worst)
                {
                    best.DequeueEnqueue(key, similarity);
                }
            }

            var hits = new VectorHit[best.Count];
            for (var i = hits.Length - 1; i >= 0; i--)
            {
                best.TryDequeue(out var key, out var similarity);
                hits[i] = new VectorHit(key, 1f - similarity);
            }

            return hits;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Save(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        WriteTo(stream);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Writes a little-endian snapshot: magic, dimensions, precision, count, keys, vectors.</summary>
    public void WriteTo(Stream destination)
    {
        _lock.EnterReadLock();
        try
        {
            Span<byte> head = stackalloc byte[Magic.Length + 16];
            Magic.CopyTo(head);
            BinaryPrimitives.WriteInt32LittleEndian(head[Magic.Length..], Dimensions);
            BinaryPrimitives.WriteInt32LittleEndian(head[(Magic.Length + 4)..], (int)Precision);
            BinaryPrimitives.WriteInt64LittleEndian(head[(Magic.Length + 8)..], _count);
            destination.Write(head);
            destination.Write(MemoryMarshal.AsBytes(_keys.AsSpan(0, _count)));
            if (Precision == VectorPrecision.Float32)
            {
                destination.Write(MemoryMarshal.AsBytes(_single.AsSpan(0, _count * Dimensions)));
            }
            else
            {
                destination.Write(MemoryMarshal.AsBytes(_half.AsSpan(0, _count * Dimensions)));
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <exception cref="VectorIndexException">the stream does not hold an exact index snapshot.</exception>
    public static ExactIndex ReadFrom(Stream source)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Exact index snapshots are little-endian.");
        }

        Span<byte> head = stackalloc byte[Magic.Length + 16];
        ReadExactly(source, head);
        if (!head[..Magic.Length].SequenceEqual(Magic))
        {
            throw new VectorIndexException("Not an exact index snapshot (bad magic).");
        }

        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(head[Magic.Length..]);
        var precision = (VectorPrecision)BinaryPrimitives.ReadInt32LittleEndian(head[(Magic.Length + 4)..]);
        var count = BinaryPrimitives.ReadInt64LittleEndian(head[(Magic.Length + 8)..]);
        if (dimensions < 1 || !Enum.IsDefined(precision) || count < 0 || count > int.MaxValue / dimensions)
        {
            throw new VectorIndexException("Exact index snapshot has an invalid header.");
        }

        var index = new ExactIndex(dimensions, precision, (int)count);
        ReadExactly(source, MemoryMarshal.AsBytes(index._keys.AsSpan()));
        if (precision == VectorPrecision.Float32)
        {
            ReadExactly(source, MemoryMarshal.AsBytes(index._single.AsSpan()));
        }
        else
        {
            ReadExactly(source, MemoryMarshal.AsBytes(index._half.AsSpan()));
        }

        index._count = (int)count;
        for (var row = 0; row < index._count; row++)
        {
            if (!index._rows.TryAdd(index._keys[row], row))
            {
                throw new VectorIndexException("Exact index snapshot holds a key twice.");
            }
        }

        return index;
    }

    public void Dispose() => _lock.Dispose();

    private static void ReadExactly(Stream source, Span<byte> buffer)
    {
        try
        {
            source.ReadExactly(buffer);
        }
        catch (EndOfStreamException exception)
        {
            throw new VectorIndexException("Exact index snapshot is truncated.", exception);
        }
    }

    private void AddLocked(long key, ReadOnlySpan<float> vector)
    {
        if (!_rows.TryGetValue(key, out var row))
        {
            EnsureCapacity(_count + 1);
            row = _count++;
            _rows[key] = row;
            _keys[row] = key;
        }

        if (Precision == VectorPrecision.Float32)
        {
            vector.CopyTo(_single.AsSpan(row * Dimensions, Dimensions));
        }
        else
        {
            TensorPrimitives.ConvertToHalf(vector, _half.AsSpan(row * Dimensions, Dimensions));
        }
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _keys.Length)
        {
            return;
        }

        var capacity = Math.Max(needed, Math.Max(16, _keys.Length * 2));
        Array.Resize(ref _keys, capacity);
        if (Precision == VectorPrecision.Float32)
        {
            Array.Resize(ref _single, capacity * Dimensions);
        }
        else
        {
            Array.Resize(ref _half, capacity * Dimensions);
        }
    }

    private void CheckDimensions(int length)
    {
        if (length != Dimensions)
        {
            throw new ArgumentException($"Expected a {Dimensions}-dimensional vector, got {length}.");
        }
    }
}
